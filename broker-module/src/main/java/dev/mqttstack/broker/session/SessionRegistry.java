package dev.mqttstack.broker.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

import io.netty.util.concurrent.EventExecutorGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mqttstack.broker.connection.MqttConnection;
import dev.mqttstack.broker.BrokerConfig;
import dev.mqttstack.broker.cluster.Cluster;
import dev.mqttstack.broker.event.BrokerEvents;
import dev.mqttstack.broker.event.DisconnectReason;
import dev.mqttstack.broker.store.SessionState;
import dev.mqttstack.broker.store.SessionStore;
import dev.mqttstack.broker.subscription.SharedGroup;
import dev.mqttstack.broker.subscription.SharedGroups;
import dev.mqttstack.broker.subscription.SharedSubscriptionStrategy;
import dev.mqttstack.broker.subscription.Subscription;
import dev.mqttstack.broker.subscription.SubscriptionIndex;
import dev.mqttstack.broker.sys.BrokerMetrics;
import dev.mqttstack.broker.time.BrokerClock;

/**
 * Registry of live and persisted sessions, keyed by client identifier: binds connections
 * to sessions, handles take-over by a second connection with the same client identifier,
 * and keeps persistent sessions through the {@link SessionStore}.
 */
public final class SessionRegistry {

	private static final Logger logger = LoggerFactory.getLogger(SessionRegistry.class);

	private final ConcurrentMap<String, Session> sessions = new ConcurrentHashMap<>();

	private final BrokerConfig config;

	private final SessionStore store;

	private final SharedGroups sharedGroups;

	private final SharedSubscriptionStrategy sharedStrategy;

	private final SessionContext context;

	private final Cluster cluster;

	public SessionRegistry(BrokerConfig config, SubscriptionIndex index, SharedSubscriptionStrategy sharedStrategy,
			SessionStore store, BrokerEvents events, BrokerMetrics metrics) {
		this(config, index, sharedStrategy, store, events, metrics, BrokerClock.system());
	}

	public SessionRegistry(BrokerConfig config, SubscriptionIndex index, SharedSubscriptionStrategy sharedStrategy,
			SessionStore store, BrokerEvents events, BrokerMetrics metrics, BrokerClock clock) {
		this(config, index, sharedStrategy, store, events, metrics, clock, Cluster.singleNode());
	}

	public SessionRegistry(BrokerConfig config, SubscriptionIndex index, SharedSubscriptionStrategy sharedStrategy,
			SessionStore store, BrokerEvents events, BrokerMetrics metrics, BrokerClock clock, Cluster cluster) {
		this.cluster = cluster;
		this.config = config;
		this.sharedGroups = new SharedGroups(index);
		this.sharedStrategy = sharedStrategy;
		this.store = store;
		this.context = new SessionContext(config, index, this.sharedGroups, store, events, metrics, clock,
				new MessageIds());
	}

	/**
	 * Binds an accepted connection to its session, taking the session over from an
	 * earlier connection with the same client identifier (which is closed, publishing its
	 * will). A session belongs to the user that created it: a client of another user is
	 * refused and the session, its messages and its connection stay as they are, unless
	 * {@link BrokerConfig#allowCrossUserTakeover()} is set. Call on the connection's
	 * event loop.
	 * @param connection the connection, with its client set
	 * @param cleanStart whether the client asked to start afresh (MQTT 3.1.1: clean
	 * session)
	 * @param expiryInterval seconds the session outlives the connection: 0 for not at all
	 * (MQTT 3.1.1 clean session), {@link Session#NEVER_EXPIRES} for until removed (MQTT
	 * 3.1.1 persistent session)
	 * @param onBound called on the connection's event loop with the session-present flag;
	 * it writes CONNACK and then calls {@link #attach(MqttConnection)}
	 * @param onRefused called on the connection's event loop with the owner when the
	 * session belongs to another user; the connection is not bound
	 */
	public void connect(MqttConnection connection, boolean cleanStart, long expiryInterval, Consumer<Boolean> onBound,
			Consumer<SessionState.Owner> onRefused) {
		String clientId = connection.clientId();
		Session session = this.sessions.computeIfAbsent(clientId,
				(id) -> new Session(id, connection.eventLoop(), this.context));
		session.execute(() -> {
			if (session.isRemoved()) {
				connect(connection, cleanStart, expiryInterval, onBound, onRefused);
				return;
			}
			SessionState.Owner owner = session.belongsTo();
			String username = connection.client().username();
			if (owner != null && !owner.isUser(username) && !this.config.allowCrossUserTakeover()) {
				connection.eventLoop().execute(() -> onRefused.accept(owner));
				return;
			}
			MqttConnection previous = session.connection();
			if (previous != null) {
				logger.info("Client {} already connected, closing old connection.", clientId);
				previous.close(DisconnectReason.SESSION_TAKEN_OVER);
			}
			boolean present = session.binding().bind(connection, cleanStart, expiryInterval);
			this.cluster.sessionOpened(clientId);
			session.moveTo(connection.eventLoop());
			session.execute(() -> {
				connection.bindSession(session);
				onBound.accept(present);
			});
		});
	}

	/**
	 * Starts delivery to a connection whose CONNACK was written: re-sends unacknowledged
	 * messages and drains the queue. On the connection's event loop.
	 * @param connection the connection
	 */
	public void attach(MqttConnection connection) {
		connection.<Session>session().binding().attach(connection);
	}

	/**
	 * Unbinds an ended connection: a clean session is discarded, a persistent one is kept
	 * and stored. On the connection's event loop.
	 * @param connection the connection
	 */
	public void disconnect(MqttConnection connection) {
		Session session = connection.session();
		if (session == null) {
			return;
		}
		session.execute(() -> {
			if (!session.binding().unbind(connection) || session.isRemoved()) {
				return;
			}
			redistribute(session, session.takeSharedUnacknowledged());
			if (session.isPersistent()) {
				this.store.save(session.snapshot());
				session.binding().expiry().expireAfterInterval(session.expiryInterval(), () -> expire(session));
			}
			else {
				session.binding().expiry().publishWillNow();
				remove(session);
			}
		});
	}

	/**
	 * Publishes a connection's will after a delay, on its session's loop, unless the
	 * client reconnects first; the end of the session publishes it at once. Call after
	 * {@link #disconnect(MqttConnection)}.
	 * @param connection the ended connection
	 * @param delaySeconds the MQTT 5 will delay interval
	 * @param publish publishes the will
	 */
	public void publishWillLater(MqttConnection connection, long delaySeconds, Runnable publish) {
		Session session = connection.session();
		if (session == null) {
			publish.run();
			return;
		}
		session.execute(() -> {
			if (session.isRemoved()) {
				publish.run();
			}
			else if (!session.isConnected()) {
				session.binding().expiry().scheduleWill(delaySeconds, publish);
			}
			// else a new connection resumed the session within the delay: the will is not
			// sent (MQTT 5 3.1.3.2.2)
		});
	}

	/**
	 * Gives the unacknowledged messages a shared subscription chose a disconnected member
	 * for to another member of the group, preferring connected ones; a member alone in
	 * its group keeps them.
	 */
	private void redistribute(Session from, List<Pending> messages) {
		for (Pending pending : messages) {
			SharedGroup group = this.sharedGroups.get(pending.shareKey());
			List<Subscription> others = (group != null)
					? group.members().stream().filter((member) -> member.subscriber() != from).toList() : List.of();
			if (others.isEmpty()) {
				from.deliver(pending.message(), pending.qos(), pending.retain(), null, pending.ids(),
						pending.shareKey());
				continue;
			}
			Subscription member = this.sharedStrategy.select(group, others, pending.message(),
					(candidate) -> ((Session) candidate.subscriber()).isOnline());
			List<Integer> ids = (member.subscriptionId() > 0) ? List.of(member.subscriptionId()) : List.of();
			((Session) member.subscriber()).deliver(pending.message(), Math.min(pending.message().qos(), member.qos()),
					false, null, ids, pending.shareKey());
		}
	}

	private void expire(Session session) {
		if (session.isRemoved() || session.isConnected()) {
			return;
		}
		logger.info("Session of {} expired after {} s offline.", session.clientId(), session.expiryInterval());
		session.binding().expiry().publishWillNow();
		this.store.remove(session.clientId());
		remove(session);
	}

	private void remove(Session session) {
		this.sessions.remove(session.clientId(), session);
		session.markRemoved();
		this.cluster.sessionClosed(session.clientId());
	}

	/**
	 * Ends the session of a client identifier another cluster node took over: its client
	 * is closed with "session taken over" and the session leaves this node, its stored
	 * state left to the new owner.
	 * @param clientId the client identifier
	 * @return {@code true} if a session existed
	 */
	public boolean release(String clientId) {
		Session session = this.sessions.get(clientId);
		if (session == null) {
			return false;
		}
		session.execute(() -> {
			MqttConnection connection = session.connection();
			this.sessions.remove(clientId, session);
			session.markRemoved();
			if (connection != null) {
				connection.close(DisconnectReason.SESSION_TAKEN_OVER);
			}
		});
		return true;
	}

	/**
	 * Discards a session and its messages, disconnecting its client if connected.
	 * @param clientId the client identifier
	 * @return {@code true} if a session existed
	 */
	public boolean discard(String clientId) {
		Session session = this.sessions.get(clientId);
		if (session == null) {
			return false;
		}
		session.execute(() -> {
			MqttConnection connection = session.connection();
			if (connection != null) {
				connection.close(DisconnectReason.ADMINISTRATIVE_ACTION);
			}
			this.store.remove(session.clientId());
			remove(session);
		});
		return true;
	}

	/**
	 * Restores the sessions of the store as offline sessions. Call once, before the
	 * listener opens.
	 * @param executors the event loops to spread the restored sessions over
	 * @return how many sessions were restored
	 */
	public int restore(EventExecutorGroup executors) {
		Collection<SessionState> states = this.store.loadAll();
		long now = this.context.clock().millis();
		long lastMessageId = this.store.lastMessageId();
		int restored = 0;
		for (SessionState state : states) {
			for (SessionState.InflightMessage message : state.inflight()) {
				lastMessageId = Math.max(lastMessageId, message.messageId());
			}
			for (SessionState.QueuedMessage message : state.queued()) {
				lastMessageId = Math.max(lastMessageId, message.messageId());
			}
			if (state.isExpired(now)) {
				logger.info("Session of {} expired while the broker was down, removing it.", state.clientId());
				this.store.remove(state.clientId());
				continue;
			}
			if (!this.cluster.sessionRestored(state.clientId())) {
				continue;
			}
			Session session = new Session(state.clientId(), executors.next(), this.context);
			this.sessions.put(state.clientId(), session);
			long remaining = state.remainingExpiryMillis(now);
			CompletableFuture.runAsync(() -> {
				session.restore(state);
				if (remaining != Long.MAX_VALUE) {
					session.binding().expiry().expireAfter(remaining, () -> expire(session));
				}
			}, session::execute).join();
			restored++;
		}
		this.context.messageIds().startAfter(lastMessageId);
		return restored;
	}

	/**
	 * Stores every persistent session, for example when the broker stops.
	 * @return completes when every session is stored
	 */
	public CompletableFuture<Void> saveAll() {
		List<CompletableFuture<Void>> saves = new ArrayList<>();
		for (Session session : this.sessions.values()) {
			CompletableFuture<Void> saved = new CompletableFuture<>();
			saves.add(saved);
			session.execute(() -> {
				if (session.isPersistent() && !session.isRemoved()) {
					this.store.save(session.snapshot());
				}
				saved.complete(null);
			});
		}
		return CompletableFuture.allOf(saves.toArray(new CompletableFuture[0]));
	}

	/**
	 * Returns a session.
	 * @param clientId the client identifier
	 * @return the session, or {@code null}
	 */
	public Session get(String clientId) {
		return this.sessions.get(clientId);
	}

	/**
	 * Returns every session, connected or not.
	 * @return the sessions
	 */
	public Collection<Session> sessions() {
		return List.copyOf(this.sessions.values());
	}

	public int size() {
		return this.sessions.size();
	}

	public SessionStore store() {
		return this.store;
	}

	/**
	 * The broker's time and timers.
	 * @return the clock
	 */
	public BrokerClock clock() {
		return this.context.clock();
	}

}
