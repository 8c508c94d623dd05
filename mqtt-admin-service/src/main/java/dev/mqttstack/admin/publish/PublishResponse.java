package dev.mqttstack.admin.publish;

/**
 * Answer of {@code POST /api/v1/publish}.
 *
 * @param topic the topic published to
 * @param qos the QoS published with
 * @param retained whether the broker retained it (or cleared the retained message, for an
 * empty payload)
 * @param deliveredTo how many sessions it was handed to, connected or queued for offline
 * persistent ones (0 when no subscription matched)
 * @param publisherId the publisher identity the broker and its events see:
 * {@code $api/<admin name>}
 */
public record PublishResponse(String topic, int qos, boolean retained, int deliveredTo, String publisherId) {

}
