package dev.mqttstack.admin.publish;

import java.nio.charset.StandardCharsets;

import dev.mqttstack.broker.message.MessageProperties;

/**
 * Size in bytes of the MQTT 5 PUBLISH packet that carries a message, the figure the
 * broker's maximum packet size bounds (an MQTT 3.1.1 PUBLISH of it is smaller).
 */
final class PacketSize {

	private PacketSize() {
	}

	static int of(String topic, byte[] payload, int qos, MessageProperties properties) {
		long properties5 = propertiesLength(properties);
		long remaining = 2L + utf8(topic) + ((qos > 0) ? 2 : 0) + variableIntLength(properties5) + properties5
				+ payload.length;
		long total = 1 + variableIntLength(remaining) + remaining;
		return (int) Math.min(total, Integer.MAX_VALUE);
	}

	private static long propertiesLength(MessageProperties properties) {
		long length = 0;
		if (properties.payloadFormatIndicator() != null) {
			length += 2;
		}
		if (properties.messageExpiryInterval() != null) {
			length += 5;
		}
		if (properties.contentType() != null) {
			length += 3 + utf8(properties.contentType());
		}
		if (properties.responseTopic() != null) {
			length += 3 + utf8(properties.responseTopic());
		}
		if (properties.correlationData() != null) {
			length += 3 + properties.correlationData().length;
		}
		for (MessageProperties.UserProperty property : properties.userProperties()) {
			length += 5 + utf8(property.name()) + utf8(property.value());
		}
		return length;
	}

	private static int variableIntLength(long value) {
		return (value < 128) ? 1 : (value < 16_384) ? 2 : (value < 2_097_152) ? 3 : 4;
	}

	private static long utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

}
