package dev.mqttstack.admin.console;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.mqttstack.admin.web.InvalidRequestException;
import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.message.MessageProperties;

/**
 * The console's own publish endpoint, used by its publish form only while the service has
 * no {@code POST /api/v1/publish} ({@link PublishEndpoint}): ADMIN only, the same body,
 * routed through the broker like the embedding application's publishes, with publisher id
 * {@code $console/<admin>}.
 */
@RestController
class ConsolePublishController {

	private final MqttBroker broker;

	ConsolePublishController(MqttBroker broker) {
		this.broker = broker;
	}

	@PostMapping(PublishEndpoint.CONSOLE)
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, Object> publish(@RequestBody ConsolePublishRequest request, Authentication admin) {
		String topic = request.topic();
		if (topic == null || topic.isEmpty()) {
			throw new InvalidRequestException("topic", "must not be empty");
		}
		if (topic.contains("+") || topic.contains("#")) {
			throw new InvalidRequestException("topic", "must not contain wildcards");
		}
		if (topic.getBytes(StandardCharsets.UTF_8).length > 65_535) {
			throw new InvalidRequestException("topic", "must be at most 65535 bytes in UTF-8");
		}
		int qos = (request.qos() != null) ? request.qos() : 0;
		if (qos < 0 || qos > 2) {
			throw new InvalidRequestException("qos", "must be 0, 1 or 2");
		}
		boolean retain = Boolean.TRUE.equals(request.retain());
		Message message = new Message(topic, payload(request), qos, retain, properties(request.properties()),
				"$console/" + admin.getName(), System.currentTimeMillis());
		this.broker.publish(message);
		return Map.of("topic", topic, "qos", qos, "retained", retain);
	}

	private static byte[] payload(ConsolePublishRequest request) {
		String payload = (request.payload() != null) ? request.payload() : "";
		String encoding = (request.payloadEncoding() != null) ? request.payloadEncoding() : "text";
		return switch (encoding) {
			case "text" -> payload.getBytes(StandardCharsets.UTF_8);
			case "base64" -> decode("payload", payload);
			default -> throw new InvalidRequestException("payloadEncoding", "must be text or base64");
		};
	}

	private static MessageProperties properties(ConsolePublishRequest.Properties properties) {
		if (properties == null) {
			return MessageProperties.EMPTY;
		}
		Integer format = properties.payloadFormatIndicator();
		if (format != null && format != 0 && format != 1) {
			throw new InvalidRequestException("properties.payloadFormatIndicator", "must be 0 or 1");
		}
		Long expiry = properties.messageExpiryInterval();
		if (expiry != null && (expiry < 0 || expiry > 4_294_967_295L)) {
			throw new InvalidRequestException("properties.messageExpiryInterval",
					"must be between 0 and 4294967295 seconds");
		}
		String responseTopic = blankToNull(properties.responseTopic());
		if (responseTopic != null && (responseTopic.contains("+") || responseTopic.contains("#"))) {
			throw new InvalidRequestException("properties.responseTopic", "must not contain wildcards");
		}
		String correlation = blankToNull(properties.correlationData());
		List<MessageProperties.UserProperty> userProperties = (properties.userProperties() != null)
				? properties.userProperties()
					.stream()
					.map((property) -> new MessageProperties.UserProperty(required(property.key()),
							(property.value() != null) ? property.value() : ""))
					.toList()
				: List.of();
		return new MessageProperties(format, expiry, blankToNull(properties.contentType()), responseTopic,
				(correlation != null) ? decode("properties.correlationData", correlation) : null, userProperties);
	}

	private static String required(String key) {
		if (key == null || key.isEmpty()) {
			throw new InvalidRequestException("properties.userProperties.key", "must not be empty");
		}
		return key;
	}

	private static byte[] decode(String field, String base64) {
		try {
			return Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException(field, "must be base64");
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
