package dev.mqttstack.broker.store;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.mqttstack.broker.message.Message;

/**
 * Keeps persistent sessions (clean session false, or a session expiry) across broker
 * restarts: their subscriptions, queued and in-flight QoS 1/2 messages, and inbound QoS 2
 * packet identifiers awaiting PUBREL.
 * <p>
 * Two ways to keep them, and a store may use either:
 * <ul>
 * <li>snapshots: {@link #save(SessionState)} when a client goes offline and when the
 * broker stops, {@link #remove(String)} when a session ends; what happened since the last
 * snapshot is lost in a crash (the in-memory store);</li>
 * <li>a journal: every change of a persistent session is reported as it happens (the
 * {@code session…}, {@code subscription…}, {@code message…} and {@code inboundQos2…}
 * calls, no-ops by default), and {@link #flush()} tells when what the calling thread
 * reported is durable. The broker acknowledges a QoS 1/2 PUBLISH that reached a
 * persistent session (PUBACK / PUBREC) only once the flush after it completes.</li>
 * </ul>
 * A session keeps the user it belongs to ({@link SessionState#owner()}): a store that
 * records it lets the broker refuse another user's client with the same identifier after
 * a restart too.
 * <p>
 * The broker loads every session once at start. Every other call comes from event loops:
 * implementations must not block. Calls about one session arrive in the order the changes
 * happened.
 */
public interface SessionStore {

	/**
	 * Returns every stored session, for the broker to restore at start.
	 * @return the stored sessions
	 */
	Collection<SessionState> loadAll();

	/**
	 * Stores the state of a persistent session, replacing what was stored for its client
	 * identifier; called when its client goes offline and when the broker stops. A
	 * journal keeps the session's expiry and subscriptions from it; its messages are
	 * already journaled.
	 * @param state the session state
	 */
	void save(SessionState state);

	/**
	 * Forgets a session and its messages.
	 * @param clientId the client identifier
	 */
	void remove(String clientId);

	/**
	 * The highest message identifier the store ever held, so that identifiers the broker
	 * hands out after a restart do not collide. Called once at start, after
	 * {@link #loadAll()}.
	 * @return the highest identifier, 0 when none
	 */
	default long lastMessageId() {
		return 0;
	}

	/**
	 * A client connected to a persistent session (created or resumed).
	 * @param clientId the client identifier
	 * @param expiryIntervalSeconds the session expiry interval; {@code -1} for until
	 * removed
	 */
	default void sessionConnected(String clientId, long expiryIntervalSeconds) {
	}

	/**
	 * A client connected to a persistent session (created or resumed), with the user the
	 * session belongs to from now on; a store that keeps owners records it with the
	 * session. By default calls {@link #sessionConnected(String, long)}.
	 * @param clientId the client identifier
	 * @param owner the user the session belongs to
	 * @param expiryIntervalSeconds the session expiry interval; {@code -1} for until
	 * removed
	 */
	default void sessionConnected(String clientId, SessionState.Owner owner, long expiryIntervalSeconds) {
		sessionConnected(clientId, expiryIntervalSeconds);
	}

	/**
	 * A persistent session got or replaced a subscription.
	 * @param clientId the client identifier
	 * @param subscription the subscription
	 */
	default void subscriptionAdded(String clientId, SessionState.StoredSubscription subscription) {
	}

	/**
	 * A persistent session dropped a subscription.
	 * @param clientId the client identifier
	 * @param topicFilter the filter
	 */
	default void subscriptionRemoved(String clientId, String topicFilter) {
	}

	/**
	 * A QoS 1/2 message is bound for a persistent session (queued or sent at once). One
	 * message bound for several sessions keeps its identifier. Makes the calling thread's
	 * next {@link #flush()} wait for it.
	 * @param clientId the client identifier
	 * @param messageId the message identifier
	 * @param message the message
	 * @param qos the delivery QoS
	 * @param retain the retain flag it is delivered with
	 * @param subscriptionIds MQTT 5 subscription identifiers it is delivered with
	 */
	default void messageQueued(String clientId, long messageId, Message message, int qos, boolean retain,
			List<Integer> subscriptionIds) {
	}

	/**
	 * A message was sent to the client with a packet identifier. For a QoS 2 message the
	 * broker writes the PUBLISH once the calling thread's next {@link #flush()}
	 * completes. Makes that flush wait for it.
	 * @param clientId the client identifier
	 * @param messageId the message identifier
	 * @param packetId the packet identifier
	 */
	default void messageSent(String clientId, long messageId, int packetId) {
	}

	/**
	 * A QoS 2 message got its PUBREC: only PUBREL remains to be re-sent. The broker sends
	 * PUBREL once the calling thread's next {@link #flush()} completes. Makes that flush
	 * wait for it.
	 * @param clientId the client identifier
	 * @param messageId the message identifier
	 */
	default void messageReleased(String clientId, long messageId) {
	}

	/**
	 * A message left the session: acknowledged, expired or dropped.
	 * @param clientId the client identifier
	 * @param messageId the message identifier
	 */
	default void messageRemoved(String clientId, long messageId) {
	}

	/**
	 * A persistent session received a QoS 2 PUBLISH and keeps its packet identifier until
	 * PUBREL. Makes the calling thread's next {@link #flush()} wait for it.
	 * @param clientId the client identifier
	 * @param packetId the packet identifier
	 */
	default void inboundQos2Received(String clientId, int packetId) {
	}

	/**
	 * PUBREL arrived for an inbound QoS 2 packet identifier. The broker answers PUBCOMP
	 * once the calling thread's next {@link #flush()} completes. Makes that flush wait
	 * for it.
	 * @param clientId the client identifier
	 * @param packetId the packet identifier
	 */
	default void inboundQos2Released(String clientId, int packetId) {
	}

	/**
	 * Completes once every {@link #messageQueued}, {@link #messageSent},
	 * {@link #messageReleased}, {@link #inboundQos2Received} and
	 * {@link #inboundQos2Released} the calling thread made (and retained messages it
	 * stored in a journaling {@link RetainedStore} sharing this journal) is durable;
	 * completed at once when there is nothing to wait for. Completes on a store thread:
	 * hand the result back to the event loop.
	 * @return the completion
	 */
	default CompletionStage<Void> flush() {
		return CompletableFuture.completedFuture(null);
	}

	/**
	 * Whether the store has more pending work than it wants: the broker then stops
	 * reading from publishers that wait for a {@link #flush()}.
	 * @return {@code true} under pressure
	 */
	default boolean isUnderPressure() {
		return false;
	}

}
