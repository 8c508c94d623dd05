/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.support;

/**
 * Names of the message headers a received MQTT message carries, for {@code @Header}
 * parameters.
 * <p>
 * The values match Spring Integration MQTT's header names, so messages from its adapters
 * map directly.
 */
public final class MqttHeaders {

	/** The topic the message was published to. */
	public static final String RECEIVED_TOPIC = "mqtt_receivedTopic";

	/** The QoS the message was delivered with ({@code Integer}). */
	public static final String RECEIVED_QOS = "mqtt_receivedQos";

	/** Whether the message was a retained message ({@code Boolean}). */
	public static final String RECEIVED_RETAINED = "mqtt_receivedRetained";

	/** Whether the broker flagged the message as a redelivery ({@code Boolean}). */
	public static final String DUPLICATE = "mqtt_duplicate";

	/** MQTT 5 response topic of a request ({@code String}). */
	public static final String RESPONSE_TOPIC = "mqtt_responseTopic";

	/** MQTT 5 correlation data of a request ({@code byte[]}). */
	public static final String CORRELATION_DATA = "mqtt_correlationData";

	/** MQTT 5 message expiry interval in seconds ({@code Long}). */
	public static final String MESSAGE_EXPIRY_INTERVAL = "mqtt_messageExpiryInterval";

	/**
	 * MQTT 5 content type ({@code String}); the same name as Spring's {@code contentType}
	 * header.
	 */
	public static final String CONTENT_TYPE = "contentType";

	/**
	 * Variables bound from {@code {name}} topic segments ({@code Map<String, String>}).
	 */
	public static final String TOPIC_VARIABLES = "mqtt_topicVariables";

	/** User property carrying the original topic of a dead-lettered message. */
	public static final String DLT_ORIGINAL_TOPIC = "mqtt_dlt_original_topic";

	/** User property carrying the exception message of a dead-lettered message. */
	public static final String DLT_EXCEPTION_MESSAGE = "mqtt_dlt_exception_message";

	private MqttHeaders() {
	}

}
