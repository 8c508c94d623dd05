package dev.mqttstack.admin.retained;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.message.MessageProperties;

/**
 * A retained message as the API shows it: the payload in base64, and its start as text
 * when it is UTF-8.
 *
 * @param topic the topic it is retained on
 * @param qos the QoS it was published with
 * @param payloadSize the payload length in bytes
 * @param payloadBase64 the whole payload, base64
 * @param payloadPreview the payload's first characters when it is valid UTF-8
 * @param contentType the MQTT 5 content type
 * @param messageExpiryRemaining seconds left of the MQTT 5 message expiry interval
 * @param responseTopic the MQTT 5 response topic
 * @param userProperties the MQTT 5 user properties
 * @param publisherClientId the client id of the publisher
 * @param retainedAt when the broker received it
 */
public record RetainedMessageResponse(@Schema(example = "sensors/17/temperature") String topic,
		@Schema(allowableValues = {
				"0", "1", "2" }) int qos,
		int payloadSize, @Schema(example = "MjEuNQ==") String payloadBase64,
		@Schema(description = "The first " + RetainedMessageResponse.PREVIEW_CHARACTERS
				+ " characters of the payload when it is valid UTF-8; absent otherwise", example = "21.5",
				nullable = true) String payloadPreview,
		@Schema(description = "MQTT 5 content type", nullable = true) String contentType,
		@Schema(description = "Seconds left before the MQTT 5 message expiry ends it; absent when it never expires",
				nullable = true) Long messageExpiryRemaining,
		@Schema(description = "MQTT 5 response topic", nullable = true) String responseTopic,
		@Schema(description = "MQTT 5 user properties, in order") List<MessageProperties.UserProperty> userProperties,
		@Schema(description = "Client id of the publisher; absent for messages the broker made",
				nullable = true) String publisherClientId,
		Instant retainedAt){

	/** Characters of a text payload shown in {@code payloadPreview}. */
	static final int PREVIEW_CHARACTERS = 256;

	/**
	 * The view of a retained message.
	 * @param message the message
	 * @param now the current time, in epoch milliseconds
	 * @return the response
	 */
	static RetainedMessageResponse of(Message message, long now) {
		MessageProperties properties = message.properties();
		Long expiry = properties.messageExpiryInterval();
		Long remaining = (expiry != null) ? Math.max(0, (message.timestamp() + expiry * 1000 - now + 999) / 1000)
				: null;
		return new RetainedMessageResponse(message.topic(), message.qos(), message.payload().length,
				Base64.getEncoder().encodeToString(message.payload()), preview(message.payload()),
				properties.contentType(), remaining, properties.responseTopic(), properties.userProperties(),
				message.publisherId(), Instant.ofEpochMilli(message.timestamp()));
	}

	private static String preview(byte[] payload) {
		try {
			String text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(payload))
				.toString();
			if (text.codePointCount(0, text.length()) <= PREVIEW_CHARACTERS) {
				return text;
			}
			return text.substring(0, text.offsetByCodePoints(0, PREVIEW_CHARACTERS));
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

}
