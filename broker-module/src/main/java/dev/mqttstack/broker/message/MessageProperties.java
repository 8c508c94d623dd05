package dev.mqttstack.broker.message;

import java.util.List;

/**
 * The MQTT 5 properties an application message carries from its publisher to its
 * subscribers.
 *
 * @param payloadFormatIndicator 1 when the payload is UTF-8 text, 0 or {@code null} when
 * unspecified
 * @param messageExpiryInterval seconds the message lives, or {@code null} for no expiry
 * @param contentType MIME type of the payload, or {@code null}
 * @param responseTopic topic a reply is expected on, or {@code null}
 * @param correlationData bytes that tie a reply to its request, or {@code null}
 * @param userProperties name/value pairs, in order; may repeat names
 */
public record MessageProperties(Integer payloadFormatIndicator, Long messageExpiryInterval, String contentType,
		String responseTopic, byte[] correlationData, List<UserProperty> userProperties) {

	/** No properties: what every MQTT 3.1.1 message has. */
	public static final MessageProperties EMPTY = new MessageProperties(null, null, null, null, null, List.of());

	public MessageProperties {
		userProperties = List.copyOf(userProperties);
	}

	/**
	 * One MQTT 5 user property.
	 *
	 * @param name the property name
	 * @param value the property value
	 */
	public record UserProperty(String name, String value) {
	}

}
