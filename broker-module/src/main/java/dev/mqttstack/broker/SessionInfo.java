package dev.mqttstack.broker;

import java.util.List;

/**
 * A snapshot of one session, as an operator or a test sees it.
 *
 * @param clientId the client identifier
 * @param connected whether its client is connected now
 * @param subscriptions its topic filters, as the client sent them
 * @param queuedMessages messages waiting to be sent
 * @param queuedBytes payload bytes of the waiting messages
 * @param inflightMessages QoS 1/2 messages sent and not yet acknowledged
 * @param expiryIntervalSeconds how long it outlives its connection: 0 not at all, -1
 * until removed
 */
public record SessionInfo(String clientId, boolean connected, List<String> subscriptions, int queuedMessages,
		long queuedBytes, int inflightMessages, long expiryIntervalSeconds) {

	public SessionInfo {
		subscriptions = List.copyOf(subscriptions);
	}

}
