package dev.mqttstack.broker.event;

/**
 * A broker limit that was reached; each has a documented default in
 * {@link dev.mqttstack.broker.BrokerConfig} or
 * {@link dev.mqttstack.broker.ListenerConfig}.
 */
public enum Limit {

	/** {@code maxConnections}: connections to the whole broker. */
	MAX_CONNECTIONS,

	/** A listener's {@code maxConnections}. */
	MAX_LISTENER_CONNECTIONS,

	/** {@code maxSubscriptionsPerClient}: subscriptions of one session. */
	MAX_SUBSCRIPTIONS,

	/**
	 * {@code maxTopicLength} or {@code maxTopicLevels}: a topic name or filter too long
	 * or too deep.
	 */
	MAX_TOPIC_SIZE,

	/**
	 * {@code maxPublisherPause}: a connected subscriber stayed backed up so long that its
	 * publishers resumed and its queue applies the overflow policy.
	 */
	MAX_PUBLISHER_PAUSE,

	/**
	 * {@code receiveMaximum}: an MQTT 5 client had more QoS 1/2 publications
	 * unacknowledged than the broker advertised, and was disconnected with 0x93.
	 */
	RECEIVE_MAXIMUM

}
