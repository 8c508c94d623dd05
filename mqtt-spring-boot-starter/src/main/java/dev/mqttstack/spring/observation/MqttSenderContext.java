/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.observation;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.mqttstack.spring.core.MqttMessage;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;

/**
 * Observation context of one publish by the {@code MqttTemplate}: the carrier is the
 * message's MQTT 5 user properties, so a tracer's propagator writes {@code traceparent}
 * and {@code tracestate} there.
 */
public class MqttSenderContext extends SenderContext<Map<String, String>> {

	private final MqttMessage<byte[]> message;

	private final String clientId;

	public MqttSenderContext(MqttMessage<byte[]> message, String clientId) {
		super((carrier, key, value) -> {
			if (carrier != null) {
				carrier.put(key, value);
			}
		}, Kind.PRODUCER);
		this.message = message;
		this.clientId = clientId;
		setCarrier(new LinkedHashMap<>(message.getUserProperties()));
		setRemoteServiceName("mqtt");
	}

	/**
	 * Return the message as it was before propagation.
	 * @return the message
	 */
	public MqttMessage<byte[]> getMessage() {
		return this.message;
	}

	public String getTopic() {
		return this.message.getTopic();
	}

	public int getQos() {
		return (this.message.getQos() != null) ? this.message.getQos() : 0;
	}

	public String getClientId() {
		return this.clientId;
	}

	/**
	 * Return the message with what the propagator added to the user properties.
	 * @return the message to publish
	 */
	public MqttMessage<byte[]> getPropagatedMessage() {
		Map<String, String> carrier = getCarrier();
		if (carrier == null || carrier.equals(this.message.getUserProperties())) {
			return this.message;
		}
		MqttMessage.Builder<byte[]> builder = MqttMessage.builder(this.message.getTopic(), this.message.getPayload())
			.retained(this.message.isRetained())
			.contentType(this.message.getContentType())
			.messageExpiry(this.message.getMessageExpiry())
			.responseTopic(this.message.getResponseTopic())
			.correlationData(this.message.getCorrelationData())
			.userProperties(carrier);
		if (this.message.getQos() != null) {
			builder.qos(this.message.getQos());
		}
		return builder.build();
	}

}
