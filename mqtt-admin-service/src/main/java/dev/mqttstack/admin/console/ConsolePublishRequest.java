package dev.mqttstack.admin.console;

import java.util.List;

/**
 * Body of a publish from the console, the same as the REST API's
 * {@code POST /api/v1/publish}: the payload as text (UTF-8) or base64, and the MQTT 5
 * properties.
 *
 * @param topic the topic name, without wildcards
 * @param payload the payload, encoded as {@code payloadEncoding} says
 * @param payloadEncoding {@code text} (the default) or {@code base64}
 * @param qos 0 (the default), 1 or 2
 * @param retain whether the broker retains it
 * @param properties MQTT 5 properties, or {@code null}
 */
record ConsolePublishRequest(String topic, String payload, String payloadEncoding, Integer qos, Boolean retain,
		Properties properties) {

	/**
	 * MQTT 5 properties of the message.
	 *
	 * @param payloadFormatIndicator 1 when the payload is UTF-8 text
	 * @param messageExpiryInterval seconds the message lives
	 * @param contentType MIME type of the payload
	 * @param responseTopic topic a reply is expected on
	 * @param correlationData base64 bytes that tie a reply to its request
	 * @param userProperties name/value pairs, in order
	 */
	record Properties(Integer payloadFormatIndicator, Long messageExpiryInterval, String contentType,
			String responseTopic, String correlationData, List<UserProperty> userProperties) {
	}

	/**
	 * One MQTT 5 user property.
	 *
	 * @param key the name
	 * @param value the value
	 */
	record UserProperty(String key, String value) {
	}

}
