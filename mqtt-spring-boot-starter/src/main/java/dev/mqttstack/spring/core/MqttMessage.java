/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.core;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.util.Assert;

/**
 * An outbound MQTT message: topic, payload, QoS, retain flag and the MQTT 5 publish
 * properties.
 * <p>
 * MQTT 5 properties are ignored when the connection speaks MQTT 3.1.1.
 *
 * @param <T> the payload type
 */
public final class MqttMessage<T> {

	private final String topic;

	private final T payload;

	private final Integer qos;

	private final boolean retained;

	private final String contentType;

	private final Duration messageExpiry;

	private final String responseTopic;

	private final byte[] correlationData;

	private final Map<String, String> userProperties;

	private MqttMessage(Builder<T> builder) {
		this.topic = builder.topic;
		this.payload = builder.payload;
		this.qos = builder.qos;
		this.retained = builder.retained;
		this.contentType = builder.contentType;
		this.messageExpiry = builder.messageExpiry;
		this.responseTopic = builder.responseTopic;
		this.correlationData = builder.correlationData;
		this.userProperties = Collections.unmodifiableMap(new LinkedHashMap<>(builder.userProperties));
	}

	/**
	 * Start building a message.
	 * @param topic the topic to publish to, without wildcards
	 * @param payload the payload: {@code byte[]}, {@code String} or an object written as
	 * JSON
	 * @param <T> the payload type
	 * @return a builder
	 */
	public static <T> Builder<T> builder(String topic, T payload) {
		return new Builder<>(topic, payload);
	}

	public String getTopic() {
		return this.topic;
	}

	public T getPayload() {
		return this.payload;
	}

	/**
	 * Return the QoS, or {@code null} to use the template's default.
	 * @return the QoS or {@code null}
	 */
	public Integer getQos() {
		return this.qos;
	}

	public boolean isRetained() {
		return this.retained;
	}

	public String getContentType() {
		return this.contentType;
	}

	public Duration getMessageExpiry() {
		return this.messageExpiry;
	}

	public String getResponseTopic() {
		return this.responseTopic;
	}

	public byte[] getCorrelationData() {
		return this.correlationData;
	}

	public Map<String, String> getUserProperties() {
		return this.userProperties;
	}

	/**
	 * Return a copy of this message carrying another payload.
	 * @param payload the new payload
	 * @param <P> the new payload type
	 * @return the copy
	 */
	public <P> MqttMessage<P> withPayload(P payload) {
		Builder<P> builder = new Builder<>(this.topic, payload);
		builder.qos = this.qos;
		builder.retained = this.retained;
		builder.contentType = this.contentType;
		builder.messageExpiry = this.messageExpiry;
		builder.responseTopic = this.responseTopic;
		builder.correlationData = this.correlationData;
		builder.userProperties.putAll(this.userProperties);
		return builder.build();
	}

	@Override
	public String toString() {
		return "MqttMessage[topic=" + this.topic + ", qos=" + this.qos + ", retained=" + this.retained + "]";
	}

	/**
	 * Builder of {@link MqttMessage}.
	 *
	 * @param <T> the payload type
	 */
	public static final class Builder<T> {

		private final String topic;

		private final T payload;

		private Integer qos;

		private boolean retained;

		private String contentType;

		private Duration messageExpiry;

		private String responseTopic;

		private byte[] correlationData;

		private final Map<String, String> userProperties = new LinkedHashMap<>();

		private Builder(String topic, T payload) {
			Assert.hasText(topic, "'topic' must not be empty");
			Assert.notNull(payload, "'payload' must not be null");
			this.topic = topic;
			this.payload = payload;
		}

		public Builder<T> qos(int qos) {
			Assert.isTrue(qos >= 0 && qos <= 2, "'qos' must be 0, 1 or 2");
			this.qos = qos;
			return this;
		}

		public Builder<T> retained(boolean retained) {
			this.retained = retained;
			return this;
		}

		public Builder<T> contentType(String contentType) {
			this.contentType = contentType;
			return this;
		}

		public Builder<T> messageExpiry(Duration messageExpiry) {
			this.messageExpiry = messageExpiry;
			return this;
		}

		public Builder<T> responseTopic(String responseTopic) {
			this.responseTopic = responseTopic;
			return this;
		}

		public Builder<T> correlationData(byte[] correlationData) {
			this.correlationData = correlationData;
			return this;
		}

		public Builder<T> userProperty(String name, String value) {
			this.userProperties.put(name, value);
			return this;
		}

		public Builder<T> userProperties(Map<String, String> userProperties) {
			this.userProperties.putAll(userProperties);
			return this;
		}

		public MqttMessage<T> build() {
			return new MqttMessage<>(this);
		}

	}

}
