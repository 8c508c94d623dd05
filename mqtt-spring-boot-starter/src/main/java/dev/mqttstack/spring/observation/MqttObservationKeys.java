/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.observation;

/**
 * Key names the default observation conventions use.
 */
public final class MqttObservationKeys {

	/** Always {@code mqtt}. */
	public static final String MESSAGING_SYSTEM = "messaging.system";

	/** {@code publish} for the template, {@code process} for listeners. */
	public static final String MESSAGING_OPERATION = "messaging.operation";

	/** The topic a message was published to (high cardinality). */
	public static final String DESTINATION = "messaging.destination.name";

	/** The MQTT client id of the shared connection. */
	public static final String CLIENT_ID = "mqtt.client.id";

	/** The QoS a message was published or delivered with. */
	public static final String QOS = "mqtt.qos";

	/** The listener's id. */
	public static final String LISTENER_ID = "mqtt.listener.id";

	/** The listener's topic filters, comma separated. */
	public static final String TOPIC_FILTER = "mqtt.topic.filter";

	private MqttObservationKeys() {
	}

}
