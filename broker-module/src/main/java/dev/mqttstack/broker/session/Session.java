package dev.mqttstack.broker.session;

import java.net.SocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;

import dev.mqttstack.broker.connection.MqttConnection;
import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.SessionInfo;
import dev.mqttstack.broker.SubscriptionInfo;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.store.SessionState;
import dev.mqttstack.broker.subscription.Subscriber;
import dev.mqttstack.broker.subscription.Subscription;

/**
 * The broker side of one client identifier: a façade over the parts that each hold one
 * guarantee — {@link OutboundDelivery} (queue and in-flight window),
 * {@link InboundQos2Ids}, {@link PublisherBackpressure}, {@link SessionSubscriptions},
 * {@link SessionExpiry} and {@link SessionJournal} — that {@link SessionBinding} binds to
 * a connection.
 * <p>
 * All state has one owner, the event loop of the session's connection (the last one,
 * while offline). Other threads reach it through {@link #execute(Runnable)}; no locks are
 * taken.
 */
public final class Session implements Subscriber {

	/** Session expiry of an MQTT 3.1.1 persistent session: kept until removed. */
	public static final long NEVER_EXPIRES = -1;

	private final String clientId;

	private final SessionContext context;

	private final SessionJournal journal;

	private final SessionSubscriptions subscriptions;

	/** Created by the first inbound QoS 2 PUBLISH: most sessions never receive one. */
	private InboundQos2Ids inboundQos2;

	private final OutboundQueue queue;

	private final InflightWindow window;

	private final OutboundDelivery outbound;

	private final SessionBinding binding;

	private volatile EventExecutor owner;

	private boolean removed;

	Session(String clientId, EventExecutor owner, SessionContext context) {
		this.clientId = clientId;
		this.owner = owner;
		this.context = context;
		this.journal = new SessionJournal(clientId, context.store(), context.messageIds());
		this.subscriptions = new SessionSubscriptions(this, context.index(), context.sharedGroups(), this.journal);
		SessionDrops drops = new SessionDrops(clientId, context.metrics(), context.events());
		this.queue = new OutboundQueue(context.config().maxQueuedMessages(), context.config().maxQueuedBytes(),
				context.config().queueOverflowPolicy(), this.journal, drops);
		this.window = new InflightWindow(context.config().maxInflight());
		this.outbound = new OutboundDelivery(this, this.queue, this.window, this.journal, drops, context);
		this.binding = new SessionBinding(this, this.outbound, this.queue, this.journal, context.clock());
	}

	@Override
	public String clientId() {
		return this.clientId;
	}

	/**
	 * The client as last connected, for authorization of deliveries; readable from any
	 * thread.
	 * @return the client, or {@code null} for a restored session not reconnected yet
	 */
	public ClientInfo client() {
		return this.binding.client();
	}

	/** The user the session belongs to; {@code null} until a client binds it. */
	public SessionState.Owner belongsTo() {
		return this.binding.owner();
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
	 * @param shareKey the {@code $share/...} filter it was chosen by, or {@code null}
	 */
	public void deliver(Message message, int qos, boolean retain, ByteBuf encoded, List<Integer> subscriptionIds,
			String shareKey) {
		deliver(message, qos, retain, encoded, false, subscriptionIds, shareKey);
	}

	/**
	 * Delivers a message as
	 * {@link #deliver(Message, int, boolean, ByteBuf, List, String)} with the form of it
	 * shared by every subscriber: {@code encoded} is the shared form from
	 * {@link PublishWriter#encodeShared} (or {@code null}), released by this call, and
	 * {@code encodedMqtt5} the protocol it was encoded for.
	 */
	public void deliver(Message message, int qos, boolean retain, ByteBuf encoded, boolean encodedMqtt5,
			List<Integer> subscriptionIds, String shareKey) {
		EventExecutor current = this.owner;
		boolean inLoop = current.inEventLoop();
		try {
			long storeId = this.journal.queued(message, qos, retain, subscriptionIds);
			if (inLoop) {
				deliverNow(message, qos, retain, encoded, encodedMqtt5, subscriptionIds, shareKey, storeId);
				return;
			}
			this.outbound.backpressure().departed();
			// arrived() on the loop that owns the session then (a takeover moves it)
			current.execute(() -> execute(() -> {
				try {
					deliverNow(message, qos, retain, encoded, encodedMqtt5, subscriptionIds, shareKey, storeId);
				}
				finally {
					this.outbound.backpressureIfCreated().arrived();
				}
			}));
		}
		catch (RejectedExecutionException ex) {
			// shutting down; on its own loop the outbound path has the buffer already
			if (!inLoop) {
				ReferenceCountUtil.release(encoded);
			}
		}
	}

	private void deliverNow(Message message, int qos, boolean retain, ByteBuf encoded, boolean encodedMqtt5,
			List<Integer> ids, String shareKey, long storeId) {
		if (this.removed) {
			ReferenceCountUtil.release(encoded);
			return;
		}
		this.outbound.deliver(message, qos, retain, encoded, encodedMqtt5, ids, shareKey, storeId);
	}

	/**
	 * The client re-authenticated (MQTT 5 AUTH) and may have new attributes, which
	 * authorize its deliveries from now on. On the owner loop.
	 * @param from the connection it re-authenticated on
	 * @param client the client with its new attributes
	 */
	public void reauthenticated(MqttConnection from, ClientInfo client) {
		this.binding.reauthenticated(from, client);
	}

	/**
	 * Whether the clients publishing to this session are to be slowed (see
	 * {@link PublisherBackpressure}). Readable from any thread.
	 * @return {@code true} while backed up
	 */
	public boolean isBackedUp() {
		PublisherBackpressure current = this.outbound.backpressureIfCreated();
		return current != null && current.isBackedUp();
	}

	/** Slows a publisher until this session has drained. On the publisher's loop. */
	public void holdBack(MqttConnection publisher) {
		this.outbound.backpressure().holdBack(publisher);
	}

	/** The client's socket became writable again: sends what waited. */
	public void onWritable() {
		this.outbound.drain();
	}

	/** PUBACK from the client: completes a QoS 1 delivery. On the owner loop. */
	public void onPubAck(int packetId) {
		this.outbound.complete(packetId, 1);
	}

	/**
	 * PUBREC from the client: the QoS 2 message arrived; answers PUBREL. On the owner
	 * loop.
	 * @param packetId the packet identifier
	 * @param failed whether the MQTT 5 client answered with a failure reason code, which
	 * ends the delivery
	 */
	public void onPubRec(int packetId, boolean failed) {
		this.outbound.onPubRec(packetId, failed);
	}

	/** PUBCOMP from the client: completes a QoS 2 delivery. On the owner loop. */
	public void onPubComp(int packetId) {
		this.outbound.complete(packetId, 2);
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
			this.inboundQos2 = new InboundQos2Ids(this.journal);
		}
		return this.inboundQos2.receive(packetId);
	}

	/** Counts inbound QoS 2 messages awaiting PUBREL. On the owner loop. */
	public int inboundQos2Count() {
		return (this.inboundQos2 != null) ? this.inboundQos2.count() : 0;
	}

	/** Whether an inbound QoS 2 packet identifier awaits PUBREL. On the owner loop. */
	public boolean hasInboundQos2(int packetId) {
		return this.inboundQos2 != null && this.inboundQos2.contains(packetId);
	}

	/** PUBREL from the client: forgets the inbound QoS 2 packet id. On the owner loop. */
	public void onPubRel(int packetId) {
		if (this.inboundQos2 != null) {
			this.inboundQos2.release(packetId);
		}
	}

	/**
	 * Adds or replaces a subscription. On the owner loop.
	 * @param subscription the subscription, with this session as subscriber
	 * @return {@code true} if the session had no subscription on that filter before
	 */
	public boolean subscribe(Subscription subscription) {
		return this.subscriptions.add(subscription);
	}

	/**
	 * Removes a subscription. On the owner loop.
	 * @param topicFilter the filter
	 * @return {@code true} if it existed
	 */
	public boolean unsubscribe(String topicFilter) {
		return this.subscriptions.remove(topicFilter);
	}

	/**
	 * Whether the client is connected and receiving; readable from any thread.
	 * @return {@code true} while attached to a connection
	 */
	public boolean isOnline() {
		return this.binding.isOnline();
	}

	/** Whether the session subscribes to a filter. On the owner loop. */
	public boolean isSubscribed(String topicFilter) {
		return this.subscriptions.contains(topicFilter);
	}

	/** Counts the subscriptions. On the owner loop. */
	public int subscriptionCount() {
		return this.subscriptions.count();
	}

	/** The subscriptions. On the owner loop. */
	public List<Subscription> subscriptions() {
		return this.subscriptions.list();
	}

	/** Payload bytes waiting in the queue. On the owner loop. */
	public long queuedBytes() {
		return this.queue.bytes();
	}

	/**
	 * A snapshot for operators. On the owner loop.
	 * @return the snapshot
	 */
	public SessionInfo info() {
		return SessionStates.info(this, this.binding, this.subscriptions, this.window, this.queue);
	}

	// --- lifecycle, driven by SessionRegistry on the owner loop ---

	EventExecutor owner() {
		return this.owner;
	}

	MqttConnection connection() {
		return this.outbound.connection();
	}

	SocketAddress remoteAddress() {
		MqttConnection connection = this.outbound.connection();
		return (connection != null) ? connection.channel().remoteAddress() : null;
	}

	boolean isConnected() {
		return this.outbound.connection() != null;
	}

	boolean isRemoved() {
		return this.removed;
	}

	boolean isPersistent() {
		return this.binding.isPersistent();
	}

	long expiryInterval() {
		return this.binding.expiryInterval();
	}

	SessionBinding binding() {
		return this.binding;
	}

	PublisherBackpressure backpressure() {
		return this.outbound.backpressure();
	}

	void moveTo(EventExecutor newOwner) {
		this.owner = newOwner;
	}

	/**
	 * Takes back the messages shared subscriptions chose for this session that its client
	 * has not acknowledged, for another member of their group. After
	 * {@link SessionBinding#unbind}.
	 * @return the messages, in order
	 */
	List<Pending> takeSharedUnacknowledged() {
		List<Pending> taken = new ArrayList<>();
		this.window.takeShared(taken, this.journal);
		this.queue.takeShared(taken);
		return taken;
	}

	void clear() {
		this.subscriptions.clear();
		this.window.clear();
		this.queue.clear();
		this.inboundQos2 = null;
	}

	void markRemoved() {
		this.removed = true;
		this.journal.durable(false);
		PublisherBackpressure current = this.outbound.backpressureIfCreated();
		if (current != null) {
			current.stop();
		}
		this.binding.cancelExpiry();
		clear();
	}

	SessionState snapshot() {
		long disconnected = isConnected() ? 0 : this.context.clock().millis();
		return SessionStates.snapshot(this, this.subscriptions, this.window, this.queue,
				InboundQos2Ids.ids(this.inboundQos2), disconnected);
	}

	void restore(SessionState state) {
		this.binding.restore(state.owner(), state.expiryIntervalSeconds());
		SessionStates.restore(state, this.subscriptions, this.window, this.queue);
		this.inboundQos2 = InboundQos2Ids.restored(this.journal, state.inboundQos2PacketIds());
		this.journal.durable(true);
	}

	@Override
	public String toString() {
		return "Session[" + this.clientId + "]";
	}

}
