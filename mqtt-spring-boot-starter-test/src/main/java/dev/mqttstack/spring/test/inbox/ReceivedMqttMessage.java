/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.test.inbox;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.mqttstack.spring.support.MqttPayloadConverter;

/**
 * A message an {@link MqttTestInbox} received.
 *
 * @param topic the topic it was published to
 * @param payload the payload bytes
 * @param qos the QoS it was delivered with
 * @param retained whether it was a retained message
 * @param headers all headers, MQTT 5 properties and user properties included
 * @param converter the converter {@link #payloadAs(Class)} uses
 */
public record ReceivedMqttMessage(String topic, byte[] payload, int qos, boolean retained, Map<String, Object> headers,
		MqttPayloadConverter converter) {

	/**
	 * Return the payload as UTF-8 text.
	 * @return the text
	 */
	public String payloadAsString() {
		return new String(this.payload, StandardCharsets.UTF_8);
	}

	/**
	 * Return the payload converted as a listener parameter of that type would be:
	 * {@code String} as UTF-8, anything else read as JSON.
	 * @param type the type
	 * @param <T> the type
	 * @return the payload
	 */
	public <T> T payloadAs(Class<T> type) {
		return type.cast(this.converter.fromBytes(this.payload, type));
	}

	/**
	 * Return an MQTT 5 user property.
	 * @param name the property name
	 * @return its value, or {@code null}
	 */
	public String userProperty(String name) {
		Object value = this.headers.get(name);
		return (value instanceof String text) ? text : null;
	}

	@Override
	public String toString() {
		return this.topic + " (QoS " + this.qos + (this.retained ? ", retained" : "") + "): " + payloadAsString();
	}

}
