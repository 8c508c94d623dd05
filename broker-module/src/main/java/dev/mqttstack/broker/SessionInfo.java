package dev.mqttstack.broker;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one session, as an operator or a test sees it, taken on the session's own
 * event loop.
 *
 * @param clientId the client identifier
 * @param connected whether its client is connected now
 * @param subscriptions its topic filters, as the client sent them, sorted
 * @param queuedMessages messages waiting to be sent
 * @param queuedBytes payload bytes of the waiting messages
 * @param inflightMessages QoS 1/2 messages sent and not yet acknowledged
 * @param expiryIntervalSeconds how long it outlives its connection: 0 not at all, -1
 * until removed
 * @param client the client as it last connected (user name, peer address, protocol, clean
 * start), or {@code null} for a session restored from a store whose client has not
 * reconnected since
 * @param connectedAt when its client last connected, or {@code null} when not since the
 * broker started
 * @param disconnectedAt when its client last went offline, or {@code null} when connected
 * or not known
 * @param subscriptionDetails its subscriptions with QoS and MQTT 5 options, sorted by
 * filter
 * @param owner the user name of the user the session belongs to, {@code null} for a
 * client without one or a restored session whose owner was not recorded
 */
public record SessionInfo(String clientId, boolean connected, List<String> subscriptions, int queuedMessages,
		long queuedBytes, int inflightMessages, long expiryIntervalSeconds, ClientInfo client, Instant connectedAt,
		Instant disconnectedAt, List<SubscriptionInfo> subscriptionDetails, String owner) {

	public SessionInfo {
		subscriptions = List.copyOf(subscriptions);
		subscriptionDetails = List.copyOf(subscriptionDetails);
	}

}
