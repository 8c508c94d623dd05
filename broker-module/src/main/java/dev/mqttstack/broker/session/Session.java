package dev.mqttstack.broker.session;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mqttstack.broker.connection.MqttConnection;
import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.SessionInfo;
import dev.mqttstack.broker.SubscriptionInfo;
import dev.mqttstack.broker.event.DisconnectReason;
import dev.mqttstack.broker.event.DropReason;
import dev.mqttstack.broker.event.Limit;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.protocol.Packets;
import dev.mqttstack.broker.store.SessionState;
import dev.mqttstack.broker.subscription.SharedGroup;
import dev.mqttstack.broker.subscription.Subscriber;
import dev.mqttstack.broker.subscription.Subscription;

/**
 * The broker side of one client identifier: its subscriptions, its outbound in-flight
 * window and queue, and the inbound QoS 2 packet identifiers awaiting PUBREL.
 * <p>
 * All state has one owner, the event loop of the session's connection (the last one,
 * while offline). Other threads reach it through {@link #execute(Runnable)}; no locks are
 * taken.
 */
public final class Session implements Subscriber {

	/**
	 * Most deliveries on their way from other event loops before publishers to this
	 * session are held back (a quarter of {@code maxQueuedMessages} when that is smaller,
	 * but at least 16): the owner loop has fallen behind, and neither the hand-off queue
	 * nor, once they arrive, the session queue may overflow for it. They resume at a
	 * quarter of it.
	 */
	static final int IN_TRANSIT_HIGH = 1024;

	/** Session expiry of an MQTT 3.1.1 persistent session: kept until removed. */
	public static final long NEVER_EXPIRES = -1;

	private static final Logger logger = LoggerFactory.getLogger(Session.class);

	private final String clientId;

	private final SessionRegistry registry;

	private volatile EventExecutor owner;

	private volatile ClientInfo client;

	/**
	 * The user the session belongs to; {@code null} until a client binds it, or when
	 * restored from a store that did not record one.
	 */
	private volatile SessionState.Owner belongsTo;

	private volatile boolean online;

	private volatile boolean durable;

	private MqttConnection connection;

	private boolean attached;

	private long expiryInterval;

	private boolean resumable;

	private boolean removed;

	private ScheduledFuture<?> expiryTask;

	private ScheduledFuture<?> delayedWill;

	private Runnable delayedWillAction;

	private final Map<String, Subscription> subscriptions = new HashMap<>();

	private final LinkedHashMap<Integer, Inflight> inflight = new LinkedHashMap<>();

	/**
	 * Starts small: most sessions never queue, and an empty deque is otherwise 88 bytes.
	 */
	private final ArrayDeque<Pending> queue = new ArrayDeque<>(1);

	/** Inbound QoS 2 packet identifiers awaiting PUBREL; created by the first one. */
	private Set<Integer> inboundQos2;

	private long queuedBytes;

	private int nextPacketId = 1;

	private long dropped;

	private volatile boolean backedUp;

	private boolean shedding;

	private ScheduledFuture<?> pauseLimit;

	private final ConcurrentLinkedQueue<MqttConnection> heldPublishers = new ConcurrentLinkedQueue<>();

	private final AtomicInteger inTransit = new AtomicInteger();

	/**
	 * In-transit deliveries past which publishers are held back; they resume at a
	 * quarter.
	 */
	private final int inTransitHigh;

	/** Whether publisher backpressure is on ({@code maxPublisherPause} and a queue). */
	private final boolean backpressure;

	/** Queued messages and bytes from which the session is backed up: half the limits. */
	private final int queueHigh;

	private final long bytesHigh;

	/** Queued messages and bytes at or below which it has drained: a quarter. */
	private final int queueLow;

	private final long bytesLow;

	private Instant connectedAt;

	private Instant disconnectedAt;

	Session(String clientId, EventExecutor owner, SessionRegistry registry) {
		this.clientId = clientId;
		this.owner = owner;
		this.registry = registry;
		int maxMessages = registry.config().maxQueuedMessages();
		long maxBytes = registry.config().maxQueuedBytes();
		boolean publisherPause = !registry.config().maxPublisherPause().isZero();
		this.inTransitHigh = publisherPause ? Math.max(16, Math.min(IN_TRANSIT_HIGH, maxMessages / 4))
				: Integer.MAX_VALUE;
		this.backpressure = publisherPause && maxMessages > 0;
		this.queueHigh = (maxMessages + 1) / 2;
		this.queueLow = maxMessages / 4;
		this.bytesHigh = (maxBytes > 0) ? maxBytes / 2 : Long.MAX_VALUE;
		this.bytesLow = (maxBytes > 0) ? maxBytes / 4 : Long.MAX_VALUE;
	}

	@Override
	public String clientId() {
		return this.clientId;
	}

	/**
	 * The client as last connected, for authorization of deliveries; readable from any
	 * thread.
	 * @return the client, or {@code null} for a session restored from a store that has
	 * not reconnected yet
	 */
	public ClientInfo client() {
		return this.client;
	}

	/**
	 * Runs a task on the session's owner event loop: at once when already there, else
	 * queued on it. A task that finds the owner changed on the way follows it.
	 * @param task the task
	 */
	public void execute(Runnable task) {
		EventExecutor current = this.owner;
		if (current.inEventLoop()) {
			task.run();
		}
		else {
			current.execute(() -> execute(task));
		}
	}

	/**
	 * Delivers a message to this session at a delivery QoS: written at once when the
	 * client is connected and the in-flight window has room, queued otherwise (QoS 0 is
	 * not queued for offline clients). Safe to call from any thread.
	 * @param message the message
	 * @param qos the delivery QoS
	 * @param retain the retain flag to deliver with
	 * @param encoded the message already encoded for this QoS and this client's protocol
	 * with retain 0, or {@code null}; released by this call
	 * @param subscriptionIds MQTT 5 subscription identifiers to deliver with
	 * @param shareKey the {@code $share/...} filter it was chosen by, or {@code null} for
	 * a direct subscription
	 */
	public void deliver(Message message, int qos, boolean retain, ByteBuf encoded, List<Integer> subscriptionIds,
			String shareKey) {
		deliver(message, qos, retain, encoded, false, subscriptionIds, shareKey);
	}

	/**
	 * Delivers a message as
	 * {@link #deliver(Message, int, boolean, ByteBuf, List, String)} with the form of it
	 * shared by every subscriber.
	 * @param message the message
	 * @param qos the delivery QoS
	 * @param retain the retain flag to deliver with
	 * @param encoded the shared form from {@link PublishWriter#encodeShared}, or
	 * {@code null}; released by this call
	 * @param encodedMqtt5 the protocol it was encoded for
	 * @param subscriptionIds MQTT 5 subscription identifiers to deliver with
	 * @param shareKey the {@code $share/...} filter it was chosen by, or {@code null} for
	 * a direct subscription
	 */
	public void deliver(Message message, int qos, boolean retain, ByteBuf encoded, boolean encodedMqtt5,
			List<Integer> subscriptionIds, String shareKey) {
		try {
			long storeId = (qos > 0 && this.durable)
					? this.registry.journalQueued(this.clientId, message, qos, retain, subscriptionIds) : 0;
			EventExecutor current = this.owner;
			if (current.inEventLoop()) {
				deliverNow(message, qos, retain, encoded, encodedMqtt5, subscriptionIds, shareKey, storeId);
			}
			else {
				this.inTransit.incrementAndGet();
				// arrived() with the delivery, on the loop that owns the session when it
				// runs:
				// after a takeover that is no longer the loop it was handed to
				current.execute(() -> execute(() -> {
					try {
						deliverNow(message, qos, retain, encoded, encodedMqtt5, subscriptionIds, shareKey, storeId);
					}
					finally {
						arrived();
					}
				}));
			}
		}
		catch (RejectedExecutionException ex) {
			ReferenceCountUtil.release(encoded);
		}
	}

	/**
	 * A delivery handed over from another event loop has run; publishers held back while
	 * too many were on their way resume once few are. On the owner loop.
	 */
	private void arrived() {
		if (this.inTransit.decrementAndGet() <= this.inTransitHigh / 4 && !this.backedUp
				&& !this.heldPublishers.isEmpty()) {
			releasePublishers(false);
		}
	}

	private void deliverNow(Message message, int qos, boolean retain, ByteBuf encoded, boolean encodedMqtt5,
			List<Integer> ids, String shareKey, long storeId) {
		try {
			if (this.removed) {
				return;
			}
			if (message.isExpired(System.currentTimeMillis())) {
				forget(storeId);
				drop(message, DropReason.EXPIRED);
				return;
			}
			boolean ready = this.attached && this.queue.isEmpty() && this.connection.channel().isWritable();
			if (qos == 0) {
				if (ready) {
					send(message, 0, retain, 0, false, encoded, encodedMqtt5, ids);
				}
				else if (this.connection != null) {
					enqueue(new Pending(message, 0, retain, ids, shareKey, 0));
				}
				return;
			}
			if (ready && this.inflight.size() < inflightLimit()) {
				sendNew(new Pending(message, qos, retain, ids, shareKey, storeId), encoded, encodedMqtt5);
			}
			else {
				enqueue(new Pending(message, qos, retain, ids, shareKey, storeId));
			}
		}
		finally {
			ReferenceCountUtil.release(encoded);
		}
	}

	private int inflightLimit() {
		return Math.min(this.registry.config().maxInflight(), this.connection.receiveMaximum());
	}

	private void sendNew(Pending pending, ByteBuf encoded, boolean encodedMqtt5) {
		int packetId = allocatePacketId();
		Inflight entry = new Inflight(pending);
		this.inflight.put(packetId, entry);
		if (pending.storeId != 0 && pending.qos == 2) {
			sendOnceDurable(entry, packetId);
			return;
		}
		if (send(pending.message, pending.qos, pending.retain, packetId, false, encoded, encodedMqtt5, pending.ids)) {
			if (pending.storeId != 0) {
				this.registry.store().messageSent(this.clientId, pending.storeId, packetId);
			}
		}
		else {
			this.inflight.remove(packetId);
			forget(pending.storeId);
		}
	}

	/**
	 * Sends a journaled QoS 2 message once its packet identifier is durable: a client
	 * that saw the PUBLISH must get it again with the same packet identifier after a
	 * restart, or it would take it for a new message.
	 */
	private void sendOnceDurable(Inflight entry, int packetId) {
		Pending pending = entry.pending;
		MqttConnection target = this.connection;
		this.registry.store().messageSent(this.clientId, pending.storeId, packetId);
		target.durableAcks().reply(this.registry.store(), () -> execute(() -> {
			if (this.connection != target || !this.attached || this.inflight.get(packetId) != entry) {
				return; // re-sent with DUP when a connection attaches
			}
			if (!send(pending.message, pending.qos, pending.retain, packetId, false, null, false, pending.ids)) {
				this.inflight.remove(packetId);
				forget(pending.storeId);
				drain();
			}
		}));
	}

	/** Tells the store a journaled message left this session. */
	private void forget(long storeId) {
		if (storeId != 0) {
			this.registry.store().messageRemoved(this.clientId, storeId);
		}
	}

	/**
	 * Writes a PUBLISH through the {@link PublishWriter}; {@code false} when it was
	 * dropped as larger than the client accepts.
	 */
	private boolean send(Message message, int qos, boolean retain, int packetId, boolean dup, ByteBuf encoded,
			boolean encodedMqtt5, List<Integer> ids) {
		if (!PublishWriter.write(this.connection, message, qos, retain, packetId, dup, ids, encoded, encodedMqtt5)) {
			drop(message, DropReason.PACKET_TOO_LARGE);
			return false;
		}
		this.registry.metrics().messageSent();
		return true;
	}

	/**
	 * Queues a message; a full queue applies the overflow policy, and every message it
	 * drops is reported.
	 */
	private void enqueue(Pending pending) {
		if (isFullFor(pending)) {
			switch (this.registry.config().queueOverflowPolicy()) {
				case DROP_OLDEST -> {
					while (!this.queue.isEmpty() && isFullFor(pending)) {
						Pending oldest = poll();
						forget(oldest.storeId);
						drop(oldest.message, DropReason.QUEUE_FULL);
					}
					if (isFullFor(pending)) {
						forget(pending.storeId);
						drop(pending.message, DropReason.QUEUE_FULL);
						return;
					}
				}
				case DISCONNECT -> {
					forget(pending.storeId);
					drop(pending.message, DropReason.QUEUE_FULL);
					if (this.connection != null) {
						this.connection.close(DisconnectReason.QUEUE_FULL);
					}
					return;
				}
				default -> {
					forget(pending.storeId);
					drop(pending.message, DropReason.QUEUE_FULL);
					return;
				}
			}
		}
		this.queue.add(pending);
		this.queuedBytes += pending.message.payload().length;
		updatePressure();
	}

	/**
	 * The client re-authenticated (MQTT 5 AUTH) and may have new attributes, which
	 * authorize its deliveries from now on. On the owner loop.
	 * @param from the connection it re-authenticated on
	 * @param client the client with its new attributes
	 */
	public void reauthenticated(MqttConnection from, ClientInfo client) {
		if (this.connection == from) {
			this.client = client;
		}
	}

	/**
	 * Whether the clients publishing to this session are to be slowed: it is connected
	 * and its queue is more than half full (its socket is not writable, or its client
	 * does not acknowledge as fast as messages come), or its event loop has more than
	 * {@link #IN_TRANSIT_HIGH} (or a quarter of the queue limit) deliveries from other
	 * loops still to run. Readable from any thread.
	 * @return {@code true} while backed up
	 */
	public boolean isBackedUp() {
		return this.backedUp || this.inTransit.get() > this.inTransitHigh;
	}

	/**
	 * Slows a publisher until this session has drained: its reading pauses now and
	 * resumes when the queue is down to a quarter, the client goes, or
	 * {@code maxPublisherPause} has passed. On the publisher's event loop.
	 * @param publisher the connection that published to this session
	 */
	public void holdBack(MqttConnection publisher) {
		if (publisher.awaitSubscriber(this)) {
			this.registry.metrics().publisherHeldBack();
			this.heldPublishers.add(publisher);
			// the session may have drained meanwhile, before it could see this publisher
			if (!isBackedUp() && this.heldPublishers.remove(publisher)) {
				publisher.subscriberDrained(this);
			}
		}
	}

	/**
	 * Starts or ends a backed-up period as the queue fills and drains. On the owner loop.
	 */
	private void updatePressure() {
		if (!this.backpressure) {
			return;
		}
		boolean drained = this.queue.size() <= this.queueLow && this.queuedBytes <= this.bytesLow;
		if (this.backedUp) {
			if (drained || !this.attached) {
				releasePublishers(false);
			}
		}
		else if (this.shedding) {
			this.shedding = !drained && this.attached;
		}
		else if (this.attached && (this.queue.size() >= this.queueHigh || this.queuedBytes >= this.bytesHigh)) {
			this.backedUp = true;
			this.pauseLimit = this.owner.schedule(() -> execute(this::pauseLimitReached),
					this.registry.config().maxPublisherPause().toNanos(), TimeUnit.NANOSECONDS);
		}
	}

	private void pauseLimitReached() {
		if (!this.backedUp) {
			return;
		}
		logger.warn("Client {} has been backed up for {}: its publishers resume and its queue drops per {}",
				this.clientId, this.registry.config().maxPublisherPause(),
				this.registry.config().queueOverflowPolicy());
		this.registry.metrics().limitReached();
		this.registry.events()
			.limitReached(Limit.MAX_PUBLISHER_PAUSE, this.clientId,
					(this.connection != null) ? this.connection.channel().remoteAddress() : null);
		releasePublishers(true);
	}

	/**
	 * Ends a backed-up period: every publisher held back resumes on its own loop.
	 * @param shed whether the period timed out, so that the queue drops per the overflow
	 * policy until it has drained
	 */
	private void releasePublishers(boolean shed) {
		this.backedUp = false;
		this.shedding = shed;
		cancel(this.pauseLimit);
		this.pauseLimit = null;
		MqttConnection publisher;
		while ((publisher = this.heldPublishers.poll()) != null) {
			MqttConnection held = publisher;
			try {
				held.eventLoop().execute(() -> held.subscriberDrained(this));
			}
			catch (RejectedExecutionException ex) {
				// the broker is stopping
			}
		}
	}

	private boolean isFullFor(Pending pending) {
		long maxBytes = this.registry.config().maxQueuedBytes();
		return this.queue.size() >= this.registry.config().maxQueuedMessages()
				|| (maxBytes > 0 && this.queuedBytes + pending.message.payload().length > maxBytes);
	}

	private Pending poll() {
		Pending next = this.queue.poll();
		this.queuedBytes -= next.message.payload().length;
		return next;
	}

	private void drop(Message message, DropReason reason) {
		this.dropped++;
		this.registry.metrics().messageDropped();
		this.registry.events().messageDropped(this.clientId, message, reason);
		if (this.dropped == 1 || this.dropped % 1000 == 0) {
			logger.warn("Dropped a message on '{}' for client {}: {} ({} dropped for this session so far)",
					message.topic(), this.clientId, reason, this.dropped);
		}
	}

	private int allocatePacketId() {
		while (true) {
			int candidate = this.nextPacketId;
			this.nextPacketId = (candidate == 65535) ? 1 : candidate + 1;
			if (!this.inflight.containsKey(candidate)) {
				return candidate;
			}
		}
	}

	/** Sends queued messages while the in-flight window has room. */
	private void drain() {
		long now = System.currentTimeMillis();
		while (this.attached && !this.queue.isEmpty() && this.connection.channel().isWritable()) {
			Pending next = this.queue.peek();
			if (next.qos > 0 && this.inflight.size() >= inflightLimit()) {
				break;
			}
			poll();
			if (next.message.isExpired(now)) {
				forget(next.storeId);
				drop(next.message, DropReason.EXPIRED);
			}
			else if (next.qos == 0) {
				send(next.message, 0, next.retain, 0, false, null, false, next.ids);
			}
			else {
				sendNew(next, null, false);
			}
		}
		updatePressure();
	}

	/**
	 * The client's socket became writable again: sends what waited. On the owner loop.
	 */
	public void onWritable() {
		drain();
	}

	/**
	 * A snapshot for operators. On the owner loop.
	 * @return the snapshot
	 */
	public SessionInfo info() {
		List<Subscription> sorted = this.subscriptions.values()
			.stream()
			.sorted(Comparator.comparing(Subscription::topicFilter))
			.toList();
		return new SessionInfo(this.clientId, this.connection != null,
				sorted.stream().map(Subscription::topicFilter).toList(), this.queue.size(), this.queuedBytes,
				this.inflight.size(), this.expiryInterval, this.client, this.connectedAt, this.disconnectedAt,
				sorted.stream().map(SubscriptionInfo::of).toList(),
				(this.belongsTo != null) ? this.belongsTo.username() : null);
	}

	/**
	 * Payload bytes waiting in the queue. On the owner loop.
	 * @return the queued bytes
	 */
	public long queuedBytes() {
		return this.queuedBytes;
	}

	/**
	 * PUBACK from the client: completes a QoS 1 delivery. On the owner loop.
	 * @param packetId the packet identifier
	 */
	public void onPubAck(int packetId) {
		Inflight entry = this.inflight.get(packetId);
		if (entry != null && entry.qos() == 1) {
			this.inflight.remove(packetId);
			forget(entry.pending.storeId);
			drain();
		}
	}

	/**
	 * PUBREC from the client: the QoS 2 message arrived; answers PUBREL. On the owner
	 * loop.
	 * @param packetId the packet identifier
	 * @param failed whether the MQTT 5 client answered with a failure reason code, which
	 * ends the delivery
	 */
	public void onPubRec(int packetId, boolean failed) {
		Inflight entry = this.inflight.get(packetId);
		if (failed) {
			if (entry != null && entry.qos() == 2) {
				this.inflight.remove(packetId);
				forget(entry.pending.storeId);
				drain();
			}
			return;
		}
		if (entry != null && entry.qos() == 2 && !entry.released) {
			entry.released = true;
			if (entry.pending.storeId != 0) {
				// PUBREL once the store knows, or a restart would send the PUBLISH again
				this.registry.store().messageReleased(this.clientId, entry.pending.storeId);
				MqttConnection target = this.connection;
				target.durableAcks().reply(this.registry.store(), () -> target.write(Packets.pubRel(packetId)));
				return;
			}
		}
		this.connection.write(Packets.pubRel(packetId));
	}

	/**
	 * PUBCOMP from the client: completes a QoS 2 delivery. On the owner loop.
	 * @param packetId the packet identifier
	 */
	public void onPubComp(int packetId) {
		Inflight entry = this.inflight.get(packetId);
		if (entry != null && entry.qos() == 2) {
			this.inflight.remove(packetId);
			forget(entry.pending.storeId);
			drain();
		}
	}

	/**
	 * An inbound QoS 2 PUBLISH: remembers its packet identifier until PUBREL. On the
	 * owner loop.
	 * @param packetId the packet identifier
	 * @return {@code true} the first time, {@code false} for a re-sent duplicate that
	 * must not be routed again
	 */
	public boolean receiveQos2(int packetId) {
		if (this.inboundQos2 == null) {
			this.inboundQos2 = new HashSet<>();
		}
		boolean added = this.inboundQos2.add(packetId);
		if (added && this.durable) {
			this.registry.store().inboundQos2Received(this.clientId, packetId);
		}
		return added;
	}

	/**
	 * Counts inbound QoS 2 messages awaiting PUBREL, for the MQTT 5 receive maximum. On
	 * the owner loop.
	 * @return the count
	 */
	public int inboundQos2Count() {
		return (this.inboundQos2 != null) ? this.inboundQos2.size() : 0;
	}

	/**
	 * Whether an inbound QoS 2 packet identifier awaits PUBREL. On the owner loop.
	 * @param packetId the packet identifier
	 * @return {@code true} for a re-sent PUBLISH of a message already received
	 */
	public boolean hasInboundQos2(int packetId) {
		return this.inboundQos2 != null && this.inboundQos2.contains(packetId);
	}

	/**
	 * PUBREL from the client: forgets the inbound QoS 2 packet identifier. On the owner
	 * loop.
	 * @param packetId the packet identifier
	 */
	public void onPubRel(int packetId) {
		if (this.inboundQos2 != null && this.inboundQos2.remove(packetId) && this.durable) {
			this.registry.store().inboundQos2Released(this.clientId, packetId);
		}
	}

	/**
	 * Adds or replaces a subscription. On the owner loop.
	 * @param subscription the subscription, with this session as subscriber
	 * @return {@code true} if the session had no subscription on that filter before
	 */
	public boolean subscribe(Subscription subscription) {
		if (SharedGroup.isShared(subscription.topicFilter())) {
			this.registry.sharedGroups().join(subscription);
		}
		else {
			this.registry.index().add(subscription);
		}
		if (this.durable) {
			this.registry.store().subscriptionAdded(this.clientId, stored(subscription));
		}
		return this.subscriptions.put(subscription.topicFilter(), subscription) == null;
	}

	/**
	 * Removes a subscription. On the owner loop.
	 * @param topicFilter the filter
	 * @return {@code true} if it existed
	 */
	public boolean unsubscribe(String topicFilter) {
		removeFromIndex(topicFilter);
		boolean existed = this.subscriptions.remove(topicFilter) != null;
		if (existed && this.durable) {
			this.registry.store().subscriptionRemoved(this.clientId, topicFilter);
		}
		return existed;
	}

	private static SessionState.StoredSubscription stored(Subscription subscription) {
		return new SessionState.StoredSubscription(subscription.topicFilter(), subscription.qos(),
				subscription.noLocal(), subscription.retainAsPublished(), subscription.subscriptionId());
	}

	private void removeFromIndex(String topicFilter) {
		if (SharedGroup.isShared(topicFilter)) {
			this.registry.sharedGroups().leave(this, topicFilter);
		}
		else {
			this.registry.index().remove(this, topicFilter);
		}
	}

	/**
	 * Whether the client is connected and receiving, for shared subscription strategies;
	 * readable from any thread.
	 * @return {@code true} while attached to a connection
	 */
	public boolean isOnline() {
		return this.online;
	}

	/**
	 * Whether the session subscribes to a filter. On the owner loop.
	 * @param topicFilter the filter as the client sent it
	 * @return {@code true} if subscribed
	 */
	public boolean isSubscribed(String topicFilter) {
		return this.subscriptions.containsKey(topicFilter);
	}

	/**
	 * Counts the subscriptions. On the owner loop.
	 * @return the number of subscriptions
	 */
	public int subscriptionCount() {
		return this.subscriptions.size();
	}

	/**
	 * The subscriptions. On the owner loop.
	 * @return a snapshot of the subscriptions
	 */
	public List<Subscription> subscriptions() {
		return List.copyOf(this.subscriptions.values());
	}

	/**
	 * Counts messages waiting to be sent. On the owner loop.
	 * @return the queue length
	 */
	public int queuedCount() {
		return this.queue.size();
	}

	/**
	 * Counts messages sent and not yet acknowledged. On the owner loop.
	 * @return the in-flight count
	 */
	public int inflightCount() {
		return this.inflight.size();
	}

	// --- lifecycle, driven by SessionRegistry on the owner loop ---

	MqttConnection connection() {
		return this.connection;
	}

	boolean isRemoved() {
		return this.removed;
	}

	boolean isPersistent() {
		return this.expiryInterval != 0;
	}

	long expiryInterval() {
		return this.expiryInterval;
	}

	/**
	 * Binds a new connection: a clean start drops earlier state, otherwise it is resumed.
	 * @return whether an earlier session was resumed (CONNACK session-present)
	 */
	boolean bind(MqttConnection newConnection, boolean cleanStart, long expiryInterval) {
		boolean present = !cleanStart && this.resumable;
		if (cleanStart || !this.resumable) {
			// a session that ends with its connection, even one being taken over, is not
			// resumed
			clear();
		}
		if (this.durable && (cleanStart || expiryInterval == 0)) {
			this.registry.store().remove(this.clientId);
		}
		if (expiryInterval != 0) {
			// stored before any publisher sees the session as durable
			this.registry.store()
				.sessionConnected(this.clientId, SessionState.Owner.of(newConnection.client().username()),
						expiryInterval);
		}
		this.durable = expiryInterval != 0;
		cancel(this.expiryTask);
		this.expiryTask = null;
		cancel(this.delayedWill);
		this.delayedWill = null;
		this.delayedWillAction = null;
		this.expiryInterval = expiryInterval;
		this.resumable = expiryInterval != 0;
		this.connection = newConnection;
		this.attached = false;
		this.client = newConnection.client();
		this.belongsTo = SessionState.Owner.of(this.client.username());
		this.connectedAt = Instant.now();
		this.disconnectedAt = null;
		return present;
	}

	/**
	 * The user the session belongs to.
	 * @return the owner, {@code null} while no client has bound the session or when a
	 * store did not record it
	 */
	public SessionState.Owner belongsTo() {
		return this.belongsTo;
	}

	void moveTo(EventExecutor newOwner) {
		this.owner = newOwner;
	}

	/**
	 * Completes a connect after CONNACK: re-sends unacknowledged messages with DUP, then
	 * drains the queue.
	 */
	void attach(MqttConnection newConnection) {
		if (this.connection != newConnection) {
			return;
		}
		this.attached = true;
		this.online = true;
		for (Map.Entry<Integer, Inflight> entry : new ArrayList<>(this.inflight.entrySet())) {
			Inflight inflightMessage = entry.getValue();
			Pending message = inflightMessage.pending;
			if (inflightMessage.released) {
				newConnection.write(Packets.pubRel(entry.getKey()));
			}
			else if (!send(message.message, message.qos, message.retain, entry.getKey(), true, null, false,
					message.ids)) {
				this.inflight.remove(entry.getKey());
				forget(message.storeId);
			}
		}
		drain();
	}

	/**
	 * Unbinds an ended connection, unless another one has taken the session over.
	 * @return {@code true} when the session lost its connection, {@code false} when the
	 * connection was not current
	 */
	boolean unbind(MqttConnection oldConnection) {
		if (this.connection != oldConnection) {
			return false;
		}
		this.connection = null;
		this.attached = false;
		this.online = false;
		this.disconnectedAt = Instant.now();
		this.expiryInterval = oldConnection.sessionExpiryInterval();
		this.resumable = this.expiryInterval != 0;
		if (!isPersistent()) {
			this.queue.clear();
			this.queuedBytes = 0;
			if (this.durable) {
				this.durable = false;
				this.registry.store().remove(this.clientId);
			}
		}
		updatePressure();
		return true;
	}

	/**
	 * Takes back the messages chosen for this session by shared subscriptions that its
	 * client has not acknowledged, for another member of their group. On the owner loop,
	 * after {@link #unbind}.
	 * @return the messages, in order
	 */
	List<Pending> takeSharedUnacknowledged() {
		List<Pending> taken = new ArrayList<>();
		this.inflight.values().removeIf((entry) -> {
			boolean take = entry.pending.shareKey != null && !entry.released;
			if (take) {
				taken.add(entry.pending);
				forget(entry.pending.storeId);
			}
			return take;
		});
		this.queue.removeIf((pending) -> {
			boolean take = pending.shareKey != null;
			if (take) {
				taken.add(pending);
				forget(pending.storeId);
				this.queuedBytes -= pending.message.payload().length;
			}
			return take;
		});
		return taken;
	}

	/**
	 * Schedules the end of an offline session after its expiry interval (none for
	 * {@link #NEVER_EXPIRES}).
	 */
	void scheduleExpiry(Runnable expire) {
		if (this.expiryInterval > 0) {
			scheduleExpiry(expire, TimeUnit.SECONDS.toMillis(this.expiryInterval));
		}
	}

	/** Schedules the end of an offline session after a delay. */
	void scheduleExpiry(Runnable expire, long delayMillis) {
		this.expiryTask = this.owner.schedule(() -> execute(expire), delayMillis, TimeUnit.MILLISECONDS);
	}

	/**
	 * Publishes a will after a delay unless the client reconnects first (MQTT 5 will
	 * delay interval).
	 * @param delaySeconds the delay
	 * @param publish publishes the will
	 */
	void scheduleWill(long delaySeconds, Runnable publish) {
		this.delayedWillAction = publish;
		this.delayedWill = this.owner.schedule(() -> execute(() -> {
			if (this.delayedWillAction == publish) {
				this.delayedWillAction = null;
				publish.run();
			}
		}), delaySeconds, TimeUnit.SECONDS);
	}

	/** Publishes a delayed will now, as the end of the session does. */
	void publishDelayedWill() {
		Runnable publish = this.delayedWillAction;
		this.delayedWillAction = null;
		cancel(this.delayedWill);
		if (publish != null) {
			publish.run();
		}
	}

	boolean isConnected() {
		return this.connection != null;
	}

	void clear() {
		for (String filter : this.subscriptions.keySet()) {
			removeFromIndex(filter);
		}
		this.subscriptions.clear();
		this.inflight.clear();
		this.queue.clear();
		this.queuedBytes = 0;
		this.inboundQos2 = null;
	}

	void markRemoved() {
		this.removed = true;
		this.durable = false;
		if (this.backedUp) {
			releasePublishers(false);
		}
		cancel(this.expiryTask);
		clear();
	}

	private static void cancel(ScheduledFuture<?> task) {
		if (task != null) {
			task.cancel(false);
		}
	}

	SessionState snapshot() {
		List<SessionState.InflightMessage> inflightMessages = new ArrayList<>(this.inflight.size());
		for (Map.Entry<Integer, Inflight> entry : this.inflight.entrySet()) {
			Pending message = entry.getValue().pending;
			inflightMessages.add(new SessionState.InflightMessage(message.storeId, entry.getKey(), message.message,
					message.qos, message.retain, message.ids, entry.getValue().released));
		}
		List<SessionState.StoredSubscription> filters = this.subscriptions.values()
			.stream()
			.map(Session::stored)
			.toList();
		List<SessionState.QueuedMessage> queued = this.queue.stream()
			.map((pending) -> new SessionState.QueuedMessage(pending.storeId, pending.message, pending.qos,
					pending.retain, pending.ids))
			.toList();
		long disconnectedAt = (this.connection != null) ? 0 : System.currentTimeMillis();
		return new SessionState(this.clientId, this.expiryInterval, disconnectedAt, filters, inflightMessages, queued,
				(this.inboundQos2 != null) ? this.inboundQos2 : Set.of(), this.belongsTo);
	}

	void restore(SessionState state) {
		this.belongsTo = state.owner();
		this.expiryInterval = state.expiryIntervalSeconds();
		this.resumable = true;
		state.subscriptions()
			.forEach((stored) -> subscribe(new Subscription(this, stored.topicFilter(), stored.qos(), stored.noLocal(),
					stored.retainAsPublished(), stored.subscriptionId())));
		for (SessionState.InflightMessage message : state.inflight()) {
			Inflight entry = new Inflight(new Pending(message.message(), message.qos(), message.retain(),
					message.subscriptionIds(), null, message.messageId()));
			entry.released = message.released();
			this.inflight.put(message.packetId(), entry);
			this.nextPacketId = Math.max(this.nextPacketId, message.packetId() % 65535 + 1);
		}
		state.queued().forEach((queued) -> {
			this.queue.add(new Pending(queued.message(), queued.qos(), queued.retain(), queued.subscriptionIds(), null,
					queued.messageId()));
			this.queuedBytes += queued.message().payload().length;
		});
		if (!state.inboundQos2PacketIds().isEmpty()) {
			this.inboundQos2 = new HashSet<>(state.inboundQos2PacketIds());
		}
		this.durable = true;
	}

	@Override
	public String toString() {
		return "Session[" + this.clientId + "]";
	}

	/**
	 * A message on its way to this session's client.
	 *
	 * @param message the message
	 * @param qos the delivery QoS
	 * @param retain the retain flag to deliver with
	 * @param ids MQTT 5 subscription identifiers to deliver with
	 * @param shareKey the shared subscription that chose this session, or {@code null}
	 * @param storeId its identifier in a journaling
	 * {@link dev.mqttstack.broker.store.SessionStore}, 0 when not journaled
	 */
	record Pending(Message message, int qos, boolean retain, List<Integer> ids, String shareKey, long storeId) {
	}

	/** An outbound QoS 1/2 message awaiting acknowledgement. */
	private static final class Inflight {

		final Pending pending;

		boolean released;

		Inflight(Pending pending) {
			this.pending = pending;
		}

		int qos() {
			return this.pending.qos;
		}

	}

}
