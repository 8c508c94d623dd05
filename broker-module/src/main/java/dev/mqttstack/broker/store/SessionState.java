package dev.mqttstack.broker.store;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.mqttstack.broker.message.Message;

/**
 * Snapshot of a persistent session, as a {@link SessionStore} keeps it.
 *
 * @param clientId the client identifier
 * @param expiryIntervalSeconds how long the session outlives its connection; {@code -1}
 * for until removed
 * @param subscriptions granted QoS by topic filter
 * @param inflight outbound QoS 1/2 messages sent but not yet acknowledged, in send order
 * @param queued outbound messages not yet sent, in order
 * @param inboundQos2PacketIds inbound QoS 2 packet identifiers awaiting PUBREL
 */
public record SessionState(String clientId, long expiryIntervalSeconds, Map<String, Integer> subscriptions,
		List<InflightMessage> inflight, List<QueuedMessage> queued, Set<Integer> inboundQos2PacketIds) {

	public SessionState {
		subscriptions = Map.copyOf(subscriptions);
		inflight = List.copyOf(inflight);
		queued = List.copyOf(queued);
		inboundQos2PacketIds = Set.copyOf(inboundQos2PacketIds);
	}

	/**
	 * An outbound message sent with a packet identifier and not yet completed.
	 *
	 * @param packetId the packet identifier it was sent with
	 * @param message the message
	 * @param qos the delivery QoS (1 or 2)
	 * @param retain the retain flag it was sent with
	 * @param subscriptionIds MQTT 5 subscription identifiers it was sent with
	 * @param released for QoS 2, whether PUBREC arrived and PUBREL was sent
	 */
	public record InflightMessage(int packetId, Message message, int qos, boolean retain, List<Integer> subscriptionIds,
			boolean released) {

		public InflightMessage {
			subscriptionIds = List.copyOf(subscriptionIds);
		}

	}

	/**
	 * An outbound message waiting for an in-flight slot or for its client to come back.
	 *
	 * @param message the message
	 * @param qos the delivery QoS
	 * @param retain the retain flag it is delivered with
	 * @param subscriptionIds MQTT 5 subscription identifiers it is delivered with
	 */
	public record QueuedMessage(Message message, int qos, boolean retain, List<Integer> subscriptionIds) {

		public QueuedMessage {
			subscriptionIds = List.copyOf(subscriptionIds);
		}

	}

}
