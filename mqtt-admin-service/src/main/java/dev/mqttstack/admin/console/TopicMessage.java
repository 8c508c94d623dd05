package dev.mqttstack.admin.console;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.message.MessageProperties;

/**
 * One message as the topic explorer shows it: the payload in base64 (the browser decodes
 * UTF-8 and pretty-prints JSON), cut to the configured size, and its MQTT 5 properties.
 *
 * @param topic the topic
 * @param qos the publisher's QoS
 * @param retain the retain flag
 * @param timestamp when the broker received it, epoch milliseconds
 * @param publisherId the publisher's client id, or {@code null} for the broker's own
 * @param payloadSize the payload's full size in bytes
 * @param payloadBase64 the payload, or its first bytes when {@code truncated}
 * @param truncated whether the payload was cut
 * @param payloadFormatIndicator the MQTT 5 payload format indicator, or {@code null}
 * @param contentType the MQTT 5 content type, or {@code null}
 * @param messageExpiryInterval the MQTT 5 message expiry in seconds, or {@code null}
 * @param responseTopic the MQTT 5 response topic, or {@code null}
 * @param correlationDataBase64 the MQTT 5 correlation data, or {@code null}
 * @param userProperties the MQTT 5 user properties, in order
 */
record TopicMessage(String topic, int qos, boolean retain, long timestamp, String publisherId, int payloadSize,
		String payloadBase64, boolean truncated, Integer payloadFormatIndicator, String contentType,
		Long messageExpiryInterval, String responseTopic, String correlationDataBase64,
		List<MessageProperties.UserProperty> userProperties) {

	static TopicMessage of(Message message, int maxPayload) {
		byte[] payload = message.payload();
		boolean truncated = payload.length > maxPayload;
		byte[] kept = truncated ? Arrays.copyOf(payload, maxPayload) : payload;
		MessageProperties properties = message.properties();
		Base64.Encoder base64 = Base64.getEncoder();
		return new TopicMessage(message.topic(), message.qos(), message.retain(), message.timestamp(),
				message.publisherId(), payload.length, base64.encodeToString(kept), truncated,
				properties.payloadFormatIndicator(), properties.contentType(), properties.messageExpiryInterval(),
				properties.responseTopic(),
				(properties.correlationData() != null) ? base64.encodeToString(properties.correlationData()) : null,
				properties.userProperties());
	}

}
