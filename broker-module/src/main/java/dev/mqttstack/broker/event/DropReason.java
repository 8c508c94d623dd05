package dev.mqttstack.broker.event;

/**
 * Why a message was not delivered to a subscriber, or not routed at all.
 */
public enum DropReason {

	/**
	 * The subscriber's offline or pending queue was full ({@code max-queued-messages}).
	 */
	QUEUE_FULL,

	/** The publisher was not authorized to publish to the topic. */
	PUBLISH_NOT_AUTHORIZED,

	/** The subscriber was not authorized to receive the topic. */
	RECEIVE_NOT_AUTHORIZED,

	/** The message passed its expiry interval before it could be delivered. */
	EXPIRED,

	/**
	 * The encoded message is larger than the maximum packet size the subscriber accepts
	 * (MQTT 5).
	 */
	PACKET_TOO_LARGE,

	/** The MQTT 5 payload format indicator said UTF-8 but the payload was not. */
	PAYLOAD_FORMAT_INVALID,

	/**
	 * The durable session or retained store refused the message (the database cannot
	 * store it): it is delivered while the broker runs but not kept across a restart.
	 */
	NOT_STORED

}
