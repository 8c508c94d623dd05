package dev.mqttstack.broker.message;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An application message as the broker routes, stores and delivers it: topic, payload,
 * QoS, retain flag and its MQTT 5 properties.
 *
 * @param topic the topic name the message was published to
 * @param payload the payload bytes; never modified once the message exists
 * @param qos the QoS the publisher used (0, 1 or 2)
 * @param retain the retain flag the publisher set
 * @param properties the MQTT 5 properties carried along unchanged
 * @param publisherId the client identifier of the publisher, or {@code null} for
 * broker-made messages
 * @param timestamp when the broker received the message, in epoch milliseconds
 */
public record Message(String topic, byte[] payload, int qos, boolean retain, MessageProperties properties,
		String publisherId, long timestamp) {

	public Message {
		Objects.requireNonNull(topic, "topic");
		Objects.requireNonNull(payload, "payload");
		Objects.requireNonNull(properties, "properties");
		if (qos < 0 || qos > 2) {
			throw new IllegalArgumentException("QoS must be 0, 1 or 2 but was " + qos);
		}
	}

	/**
	 * Creates a message published by the broker itself, with no properties.
	 * @param topic the topic name
	 * @param payload the payload
	 * @param qos the QoS
	 * @param retain the retain flag
	 * @return the message
	 */
	public static Message of(String topic, byte[] payload, int qos, boolean retain) {
		return new Message(topic, payload, qos, retain, MessageProperties.EMPTY, null, System.currentTimeMillis());
	}

	/**
	 * Creates a message with a UTF-8 text payload, published by the broker itself.
	 * @param topic the topic name
	 * @param text the payload text
	 * @param qos the QoS
	 * @param retain the retain flag
	 * @return the message
	 */
	public static Message of(String topic, String text, int qos, boolean retain) {
		return of(topic, text.getBytes(StandardCharsets.UTF_8), qos, retain);
	}

	/**
	 * Whether this message has passed its MQTT 5 message expiry interval.
	 * @param now the current time in epoch milliseconds
	 * @return {@code true} when the message must no longer be delivered
	 */
	public boolean isExpired(long now) {
		Long expiry = this.properties.messageExpiryInterval();
		return expiry != null && now >= this.timestamp + expiry * 1000;
	}

	/**
	 * Whether the payload is what its MQTT 5 payload format indicator says: a payload
	 * marked as UTF-8 text (indicator 1) must be well-formed UTF-8 (MQTT 5 §3.3.2.3.2);
	 * any other payload is.
	 * @return {@code false} for a payload marked as text that is not UTF-8
	 */
	public boolean payloadMatchesFormat() {
		if (!Integer.valueOf(1).equals(this.properties.payloadFormatIndicator())) {
			return true;
		}
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(this.payload));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	@Override
	public String toString() {
		return "Message[topic=" + this.topic + ", qos=" + this.qos + ", retain=" + this.retain + ", bytes="
				+ this.payload.length + "]";
	}

}
