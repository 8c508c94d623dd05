package dev.mqttstack.broker.session;

import java.time.Instant;

import dev.mqttstack.broker.connection.MqttConnection;
import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.store.SessionState;
import dev.mqttstack.broker.time.BrokerClock;

/**
 * The binding of a session to its client's connections: a clean start (or a session that
 * was not to outlive its last connection) starts from nothing, otherwise the session is
 * resumed; a connection that ends leaves a session with an expiry interval to wait
 * offline, and drops the queue and the stored state of one without. It records who the
 * client is, which user the session belongs to, and when it came and went.
 * <p>
 * The client, the owner and whether it is online are readable from any thread; the rest
 * is on the session's owner loop.
 */
final class SessionBinding {

	private static final long NONE = Long.MIN_VALUE;

	private final Session session;

	private final OutboundDelivery outbound;

	private final OutboundQueue queue;

	private final SessionJournal journal;

	private final BrokerClock clock;

	/** Created when the session first goes offline or has a delayed will. */
	private SessionExpiry expiry;

	private volatile ClientInfo client;

	/** The user the session belongs to; {@code null} until a client binds it. */
	private volatile SessionState.Owner owner;

	private volatile boolean online;

	private long expiryInterval;

	private boolean resumable;

	/** Epoch milliseconds (a long, not an Instant per session), or {@link #NONE}. */
	private long connectedAt = NONE;

	private long disconnectedAt = NONE;

	SessionBinding(Session session, OutboundDelivery outbound, OutboundQueue queue, SessionJournal journal,
			BrokerClock clock) {
		this.session = session;
		this.outbound = outbound;
		this.queue = queue;
		this.journal = journal;
		this.clock = clock;
	}

	/**
	 * Binds a new connection: a clean start drops earlier state, otherwise it is resumed.
	 * @return whether an earlier session was resumed (CONNACK session-present)
	 */
	boolean bind(MqttConnection connection, boolean cleanStart, long expiryInterval) {
		boolean present = !cleanStart && this.resumable;
		if (cleanStart || !this.resumable) {
			// a session that ends with its connection, even one taken over, is not
			// resumed
			this.session.clear();
		}
		if (this.journal.isDurable() && (cleanStart || expiryInterval == 0)) {
			this.journal.discard();
		}
		if (expiryInterval != 0) {
			// stored before any publisher sees the session as durable
			this.journal.connected(SessionState.Owner.of(connection.client().username()), expiryInterval);
		}
		this.journal.durable(expiryInterval != 0);
		if (this.expiry != null) {
			this.expiry.cancelAll();
		}
		this.expiryInterval = expiryInterval;
		this.resumable = expiryInterval != 0;
		this.outbound.bind(connection);
		this.client = connection.client();
		this.owner = SessionState.Owner.of(this.client.username());
		this.connectedAt = this.clock.millis();
		this.disconnectedAt = NONE;
		return present;
	}

	/**
	 * Completes a connect after CONNACK: re-sends what is in flight, drains the queue.
	 */
	void attach(MqttConnection connection) {
		if (this.outbound.connection() == connection) {
			this.online = true;
			this.outbound.attach();
		}
	}

	/**
	 * Unbinds an ended connection, unless another one has taken the session over.
	 * @return {@code true} when the session lost its connection
	 */
	boolean unbind(MqttConnection connection) {
		if (this.outbound.connection() != connection) {
			return false;
		}
		this.outbound.unbind();
		this.online = false;
		this.disconnectedAt = this.clock.millis();
		this.expiryInterval = connection.sessionExpiryInterval();
		this.resumable = this.expiryInterval != 0;
		if (!isPersistent()) {
			this.queue.clear();
			if (this.journal.isDurable()) {
				this.journal.durable(false);
				this.journal.discard();
			}
		}
		this.outbound.updatePressure();
		return true;
	}

	/** The client re-authenticated on a connection, with new attributes. */
	void reauthenticated(MqttConnection from, ClientInfo newClient) {
		if (this.outbound.connection() == from) {
			this.client = newClient;
		}
	}

	/** Takes the owner and expiry interval of a stored session, resumable. */
	void restore(SessionState.Owner storedOwner, long storedExpiryInterval) {
		this.owner = storedOwner;
		this.expiryInterval = storedExpiryInterval;
		this.resumable = true;
	}

	ClientInfo client() {
		return this.client;
	}

	SessionState.Owner owner() {
		return this.owner;
	}

	boolean isOnline() {
		return this.online;
	}

	boolean isPersistent() {
		return this.expiryInterval != 0;
	}

	long expiryInterval() {
		return this.expiryInterval;
	}

	Instant connectedAt() {
		return (this.connectedAt != NONE) ? Instant.ofEpochMilli(this.connectedAt) : null;
	}

	Instant disconnectedAt() {
		return (this.disconnectedAt != NONE) ? Instant.ofEpochMilli(this.disconnectedAt) : null;
	}

	/**
	 * The expiry and delayed-will timers, created on first use. On the owner loop.
	 * @return the timers
	 */
	SessionExpiry expiry() {
		if (this.expiry == null) {
			this.expiry = new SessionExpiry(this.session, this.clock);
		}
		return this.expiry;
	}

	/** The session ended: it does not expire again. */
	void cancelExpiry() {
		if (this.expiry != null) {
			this.expiry.cancelExpiry();
		}
	}

}
