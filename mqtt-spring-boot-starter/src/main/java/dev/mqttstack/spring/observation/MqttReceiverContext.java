/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.observation;

import java.util.List;

import dev.mqttstack.spring.support.MqttHeaders;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;

import org.springframework.messaging.Message;

/**
 * Observation context of one listener invocation: the carrier is the received message,
 * whose MQTT 5 user properties are headers, so a tracer's propagator reads
 * {@code traceparent} and {@code tracestate} from there.
 */
public class MqttReceiverContext extends ReceiverContext<Message<byte[]>> {

	private final String listenerId;

	private final List<String> topicFilters;

	private final String clientId;

	public MqttReceiverContext(Message<byte[]> message, String listenerId, List<String> topicFilters, String clientId) {
		super((carrier, key) -> {
			Object value = carrier.getHeaders().get(key);
			return (value instanceof String text) ? text : null;
		}, Kind.CONSUMER);
		setCarrier(message);
		setRemoteServiceName("mqtt");
		this.listenerId = listenerId;
		this.topicFilters = List.copyOf(topicFilters);
		this.clientId = clientId;
	}

	public String getListenerId() {
		return this.listenerId;
	}

	/**
	 * Return the topic filters the listener subscribes to, as the container subscribes
	 * them ({@code $share/<group>/...} included).
	 * @return the filters
	 */
	public List<String> getTopicFilters() {
		return this.topicFilters;
	}

	public String getClientId() {
		return this.clientId;
	}

	/**
	 * Return the topic the message was published to.
	 * @return the topic, or {@code null} if unknown
	 */
	public String getTopic() {
		return getCarrier().getHeaders().get(MqttHeaders.RECEIVED_TOPIC, String.class);
	}

	/**
	 * Return the QoS the message was delivered with.
	 * @return the QoS, or {@code null} if unknown
	 */
	public Integer getQos() {
		return getCarrier().getHeaders().get(MqttHeaders.RECEIVED_QOS, Integer.class);
	}

}
