package dev.mqttstack.broker.store;

import java.util.Collection;

/**
 * Keeps persistent sessions (clean session false) across broker restarts: their
 * subscriptions, in-flight and queued messages, and inbound QoS 2 packet identifiers
 * awaiting PUBREL.
 * <p>
 * The broker loads every session once at start, saves a session when its client goes
 * offline and at stop, and removes it when it ends. Called from event loops:
 * implementations must not block.
 */
public interface SessionStore {

	/**
	 * Returns every stored session, for the broker to restore at start.
	 * @return the stored sessions
	 */
	Collection<SessionState> loadAll();

	/**
	 * Stores the state of a persistent session, replacing what was stored for its client
	 * identifier.
	 * @param state the session state
	 */
	void save(SessionState state);

	/**
	 * Forgets a session.
	 * @param clientId the client identifier
	 */
	void remove(String clientId);

}
