package dev.mqttstack.admin.publish;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import dev.mqttstack.admin.web.Utf8Size;

/**
 * Body of {@code POST /api/v1/publish}: one application message, as a client's PUBLISH
 * carries it.
 *
 * @param topic the topic name: no wildcards, at most 65,535 bytes of UTF-8
 * @param payload the payload, as text or base64 as {@code payloadEncoding} says;
 * {@code null} or empty for an empty payload (with {@code retain}, it clears the retained
 * message)
 * @param payloadEncoding {@code text} (the default: sent as UTF-8) or {@code base64}
 * @param qos 0 (the default), 1 or 2
 * @param retain whether the broker retains it; default {@code false}
 * @param properties its MQTT 5 properties, or {@code null} for none
 */
public record PublishRequest(@NotNull String topic, String payload,
		@Pattern(regexp = "text|base64", message = "must be text or base64") String payloadEncoding,
		@Min(0) @Max(2) Integer qos, Boolean retain, @Valid PublishProperties properties) {

	int effectiveQos() {
		return (this.qos != null) ? this.qos : 0;
	}

	boolean effectiveRetain() {
		return Boolean.TRUE.equals(this.retain);
	}

	boolean base64() {
		return "base64".equals(this.payloadEncoding);
	}

	/**
	 * The MQTT 5 properties of a published message; MQTT 3.1.1 subscribers get the
	 * message without them.
	 *
	 * @param payloadFormatIndicator 1 when the payload is UTF-8 text (then it must be), 0
	 * or {@code null} when unspecified
	 * @param messageExpiryInterval seconds the message lives, or {@code null} for ever
	 * @param contentType MIME type of the payload, or {@code null}
	 * @param responseTopic topic name a reply is expected on, or {@code null}
	 * @param correlationData base64 of the bytes that tie a reply to the request, or
	 * {@code null}
	 * @param userProperties name/value pairs, in order; names may repeat
	 */
	public record PublishProperties(@Min(0) @Max(1) Integer payloadFormatIndicator,
			@Min(0) @Max(4_294_967_295L) Long messageExpiryInterval, @Utf8Size String contentType,
			@Utf8Size String responseTopic, String correlationData,
			List<@Valid @NotNull PublishUserProperty> userProperties) {

	}

	/**
	 * One MQTT 5 user property.
	 *
	 * @param key its name
	 * @param value its value
	 */
	public record PublishUserProperty(@NotNull @Utf8Size String key, @NotNull @Utf8Size String value) {

	}

}
