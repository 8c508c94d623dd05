package dev.mqttstack.broker.store;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.mqttstack.broker.message.Message;

/**
 * Snapshot of a persistent session, as a {@link SessionStore} keeps it.
 *
 * @param clientId the client identifier
 * @param expiryIntervalSeconds how long the session outlives its connection; {@code -1}
 * for until removed
 * @param disconnectedAt when its client went offline, in epoch milliseconds; 0 while
 * connected or unknown (the session then counts as offline from its restore)
 * @param subscriptions its subscriptions with their options
 * @param inflight outbound QoS 1/2 messages sent but not yet acknowledged, in send order
 * @param queued outbound messages not yet sent, in order
 * @param inboundQos2PacketIds inbound QoS 2 packet identifiers awaiting PUBREL
 * @param owner the user the session belongs to; {@code null} when the store did not
 * record one (a store written before owners were kept): the next client to connect with
 * the client identifier then claims it
 */
public record SessionState(String clientId, long expiryIntervalSeconds, long disconnectedAt,
		List<StoredSubscription> subscriptions, List<InflightMessage> inflight, List<QueuedMessage> queued,
		Set<Integer> inboundQos2PacketIds, Owner owner) {

	public SessionState {
		subscriptions = List.copyOf(subscriptions);
		inflight = List.copyOf(inflight);
		queued = List.copyOf(queued);
		inboundQos2PacketIds = Set.copyOf(inboundQos2PacketIds);
	}

	/**
	 * A snapshot whose owner was not recorded, for stores that do not keep one.
	 * @param clientId the client identifier
	 * @param expiryIntervalSeconds the session expiry interval, {@code -1} for until
	 * removed
	 * @param disconnectedAt when its client went offline, in epoch milliseconds
	 * @param subscriptions its subscriptions
	 * @param inflight its in-flight messages
	 * @param queued its queued messages
	 * @param inboundQos2PacketIds its inbound QoS 2 packet identifiers
	 */
	public SessionState(String clientId, long expiryIntervalSeconds, long disconnectedAt,
			List<StoredSubscription> subscriptions, List<InflightMessage> inflight, List<QueuedMessage> queued,
			Set<Integer> inboundQos2PacketIds) {
		this(clientId, expiryIntervalSeconds, disconnectedAt, subscriptions, inflight, queued, inboundQos2PacketIds,
				null);
	}

	/**
	 * Whether the session's expiry has passed.
	 * @param now the current time in epoch milliseconds
	 * @return {@code true} when it must not be restored
	 */
	public boolean isExpired(long now) {
		return remainingExpiryMillis(now) <= 0;
	}

	/**
	 * How long the session has left offline before it expires.
	 * @param now the current time in epoch milliseconds
	 * @return milliseconds left, {@link Long#MAX_VALUE} when it never expires
	 */
	public long remainingExpiryMillis(long now) {
		if (this.expiryIntervalSeconds < 0) {
			return Long.MAX_VALUE;
		}
		long offlineSince = (this.disconnectedAt > 0) ? this.disconnectedAt : now;
		return offlineSince + this.expiryIntervalSeconds * 1000 - now;
	}

	/**
	 * The user a session belongs to: the user name its client authenticated with when it
	 * created the session (or, with a certificate listener, the certificate's CN). Only a
	 * client of the same user resumes or takes over the session. A client without a user
	 * name owns it as {@link #ANONYMOUS}, which matches only clients without one.
	 *
	 * @param username the user name, {@code null} for a client without one
	 */
	public record Owner(String username) {

		/** The owner of a session created by a client without a user name. */
		public static final Owner ANONYMOUS = new Owner(null);

		/**
		 * The owner for a user name.
		 * @param username the user name, or {@code null}
		 * @return the owner
		 */
		public static Owner of(String username) {
			return (username != null) ? new Owner(username) : ANONYMOUS;
		}

		/**
		 * Whether a client with this user name is this owner.
		 * @param candidate the user name the client authenticated with, or {@code null}
		 * @return {@code true} for the same user name, or both without one
		 */
		public boolean isUser(String candidate) {
			return Objects.equals(this.username, candidate);
		}

		@Override
		public String toString() {
			return (this.username != null) ? "'" + this.username + "'" : "(no user name)";
		}

	}

	/**
	 * A subscription with its MQTT 5 options.
	 *
	 * @param topicFilter the filter as the client sent it
	 * @param qos the granted QoS
	 * @param noLocal do not deliver the subscriber's own publications
	 * @param retainAsPublished deliver with the retain flag the publisher set
	 * @param subscriptionId identifier sent back with matching messages, 0 for none
	 */
	public record StoredSubscription(String topicFilter, int qos, boolean noLocal, boolean retainAsPublished,
			int subscriptionId) {
	}

	/**
	 * An outbound message sent with a packet identifier and not yet completed.
	 *
	 * @param messageId the message identifier in the store, 0 for none
	 * @param packetId the packet identifier it was sent with
	 * @param message the message
	 * @param qos the delivery QoS (1 or 2)
	 * @param retain the retain flag it was sent with
	 * @param subscriptionIds MQTT 5 subscription identifiers it was sent with
	 * @param released for QoS 2, whether PUBREC arrived and PUBREL was sent
	 */
	public record InflightMessage(long messageId, int packetId, Message message, int qos, boolean retain,
			List<Integer> subscriptionIds, boolean released) {

		public InflightMessage {
			subscriptionIds = List.copyOf(subscriptionIds);
		}

	}

	/**
	 * An outbound message waiting for an in-flight slot or for its client to come back.
	 *
	 * @param messageId the message identifier in the store, 0 for none
	 * @param message the message
	 * @param qos the delivery QoS
	 * @param retain the retain flag it is delivered with
	 * @param subscriptionIds MQTT 5 subscription identifiers it is delivered with
	 */
	public record QueuedMessage(long messageId, Message message, int qos, boolean retain,
			List<Integer> subscriptionIds) {

		public QueuedMessage {
			subscriptionIds = List.copyOf(subscriptionIds);
		}

	}

}
