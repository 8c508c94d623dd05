/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Operations to publish MQTT messages and to make MQTT 5 requests.
 * <p>
 * Payloads: {@code byte[]} is sent raw, {@code String} as UTF-8, anything else as JSON.
 * Every returned future completes when the broker acknowledged the message (PUBACK for
 * QoS 1, PUBCOMP for QoS 2), when it was written for QoS 0, and fails with
 * {@link MqttDeliveryException} when that does not happen within the completion timeout.
 */
public interface MqttOperations {

	/**
	 * Publish a payload with the default QoS, not retained.
	 * @param topic the topic
	 * @param payload the payload
	 * @return a future completing on acknowledgement
	 */
	CompletableFuture<Void> send(String topic, Object payload);

	/**
	 * Publish a payload.
	 * @param topic the topic
	 * @param payload the payload
	 * @param qos the QoS, 0 to 2
	 * @param retained whether the broker retains the message
	 * @return a future completing on acknowledgement
	 */
	CompletableFuture<Void> send(String topic, Object payload, int qos, boolean retained);

	/**
	 * Publish a message with its MQTT 5 properties.
	 * @param message the message
	 * @return a future completing on acknowledgement
	 */
	CompletableFuture<Void> send(MqttMessage<?> message);

	/**
	 * Send a request with an MQTT 5 response topic and correlation data and wait for the
	 * matching reply.
	 * @param topic the request topic
	 * @param request the request payload
	 * @param type the reply payload type
	 * @param timeout how long to wait for the reply
	 * @param <R> the reply type
	 * @return a future of the converted reply
	 */
	<R> CompletableFuture<R> sendAndReceive(String topic, Object request, Class<R> type, Duration timeout);

}
