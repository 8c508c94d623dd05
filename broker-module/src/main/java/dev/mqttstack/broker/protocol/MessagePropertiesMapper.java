package dev.mqttstack.broker.protocol;

import java.util.ArrayList;
import java.util.List;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;

import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.message.MessageProperties;

/**
 * Converts between the MQTT 5 properties of a PUBLISH (or will) on the wire and
 * {@link MessageProperties}.
 */
public final class MessagePropertiesMapper {

	private MessagePropertiesMapper() {
	}

	/**
	 * Reads the application-message properties of a PUBLISH or a will.
	 * @param properties the decoded properties
	 * @return the message properties
	 */
	public static MessageProperties fromWire(MqttProperties properties) {
		// not MqttProperties.isEmpty(): it ignores user properties and subscription
		// identifiers, so a PUBLISH whose only property is a user property would lose it
		if (properties == null || properties.listAll().isEmpty()) {
			return MessageProperties.EMPTY;
		}
		Integer format = integer(properties, MqttPropertyType.PAYLOAD_FORMAT_INDICATOR);
		Integer expiry = integer(properties, MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL);
		List<MessageProperties.UserProperty> userProperties = new ArrayList<>();
		for (MqttProperties.MqttProperty<?> property : properties
			.getProperties(MqttPropertyType.USER_PROPERTY.value())) {
			if (property instanceof MqttProperties.UserProperty user) {
				userProperties.add(new MessageProperties.UserProperty(user.value().key, user.value().value));
			}
			else if (property instanceof MqttProperties.UserProperties users) {
				users.value()
					.forEach((pair) -> userProperties.add(new MessageProperties.UserProperty(pair.key, pair.value)));
			}
		}
		return new MessageProperties(format, (expiry != null) ? Integer.toUnsignedLong(expiry) : null,
				string(properties, MqttPropertyType.CONTENT_TYPE), string(properties, MqttPropertyType.RESPONSE_TOPIC),
				binary(properties, MqttPropertyType.CORRELATION_DATA), userProperties);
	}

	/**
	 * Builds the properties of an outbound PUBLISH: the message's own, its remaining
	 * expiry, and the subscription identifiers of the subscriptions that matched.
	 * @param message the message
	 * @param now the current time in epoch milliseconds
	 * @param subscriptionIds the matching subscription identifiers, may be empty
	 * @return the wire properties
	 */
	public static MqttProperties toWire(Message message, long now, List<Integer> subscriptionIds) {
		MessageProperties source = message.properties();
		MqttProperties properties = new MqttProperties();
		if (source.payloadFormatIndicator() != null) {
			properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.PAYLOAD_FORMAT_INDICATOR.value(),
					source.payloadFormatIndicator()));
		}
		if (source.messageExpiryInterval() != null) {
			long elapsedSeconds = Math.max(0, (now - message.timestamp()) / 1000);
			long remaining = Math.max(1, source.messageExpiryInterval() - elapsedSeconds);
			properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value(),
					(int) remaining));
		}
		if (source.contentType() != null) {
			properties
				.add(new MqttProperties.StringProperty(MqttPropertyType.CONTENT_TYPE.value(), source.contentType()));
		}
		if (source.responseTopic() != null) {
			properties.add(
					new MqttProperties.StringProperty(MqttPropertyType.RESPONSE_TOPIC.value(), source.responseTopic()));
		}
		if (source.correlationData() != null) {
			properties.add(new MqttProperties.BinaryProperty(MqttPropertyType.CORRELATION_DATA.value(),
					source.correlationData()));
		}
		for (MessageProperties.UserProperty user : source.userProperties()) {
			properties.add(new MqttProperties.UserProperty(user.name(), user.value()));
		}
		for (Integer id : subscriptionIds) {
			properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value(), id));
		}
		return properties;
	}

	public static Integer integer(MqttProperties properties, MqttPropertyType type) {
		MqttProperties.MqttProperty<?> property = properties.getProperty(type.value());
		return (property != null) ? (Integer) property.value() : null;
	}

	public static String string(MqttProperties properties, MqttPropertyType type) {
		MqttProperties.MqttProperty<?> property = properties.getProperty(type.value());
		return (property != null) ? (String) property.value() : null;
	}

	private static byte[] binary(MqttProperties properties, MqttPropertyType type) {
		MqttProperties.MqttProperty<?> property = properties.getProperty(type.value());
		return (property != null) ? (byte[]) property.value() : null;
	}

}
