package dev.mqttstack.admin.publish;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

import dev.mqttstack.admin.audit.AuditLog;
import dev.mqttstack.admin.session.BrokerUnavailableException;
import dev.mqttstack.admin.web.InvalidRequestException;
import dev.mqttstack.broker.BrokerConfig;
import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.message.MessageProperties;
import dev.mqttstack.broker.subscription.TopicFilter;

/**
 * Service that publishes a message from the admin API through the hosted broker, checked
 * as a client's PUBLISH is (topic name, topic limits, packet size, payload format) and
 * audited. Its publisher identity is {@code $api/<admin name>}. It is an ADMIN action:
 * the MQTT ACL rules on publishing do not apply to it (as for a superuser's
 * {@code mosquitto_pub}), those on receiving still do for every subscriber.
 */
@Service
public class PublishService {

	/** Prefix of the publisher identity of messages published through the API. */
	public static final String PUBLISHER_PREFIX = "$api/";

	private final MqttBroker broker;

	private final AuditLog audit;

	public PublishService(MqttBroker broker, AuditLog audit) {
		this.broker = broker;
		this.audit = audit;
	}

	/**
	 * Publishes a message.
	 * @param request the message
	 * @return what was published and to how many sessions
	 * @throws InvalidRequestException naming the field that a client's PUBLISH could not
	 * carry
	 * @throws BrokerUnavailableException when the broker is not running
	 */
	public PublishResponse publish(PublishRequest request) {
		BrokerConfig config = this.broker.config();
		String topic = checkedTopic(request.topic(), config);
		byte[] payload = payload(request);
		MessageProperties properties = properties(request.properties());
		int size = PacketSize.of(topic, payload, request.effectiveQos(), properties);
		if (size > config.maxPacketSize()) {
			throw new InvalidRequestException("payload", "the message would be a PUBLISH of " + size
					+ " bytes, more than the broker's maximum packet size of " + config.maxPacketSize());
		}
		String publisherId = PUBLISHER_PREFIX + actor();
		Message message = new Message(topic, payload, request.effectiveQos(), request.effectiveRetain(), properties,
				publisherId, System.currentTimeMillis());
		if (!message.payloadMatchesFormat()) {
			throw new InvalidRequestException("payload", "is not UTF-8 text, but payloadFormatIndicator is 1");
		}
		if (!this.broker.isRunning()) {
			throw new BrokerUnavailableException("The MQTT broker is not running");
		}
		Map<String, Object> audited = new LinkedHashMap<>();
		audited.put("topic", topic);
		audited.put("qos", message.qos());
		audited.put("retain", message.retain());
		audited.put("payloadBytes", payload.length);
		this.audit.record("message.publish", "topic", topic, null, audited);
		int delivered;
		try {
			delivered = this.broker.publish(message);
		}
		catch (IllegalStateException ex) {
			throw new BrokerUnavailableException("The MQTT broker is not running");
		}
		return new PublishResponse(topic, message.qos(), message.retain(), delivered, publisherId);
	}

	private static String checkedTopic(String topic, BrokerConfig config) {
		if (!TopicFilter.isValidTopicName(topic)) {
			throw new InvalidRequestException("topic",
					"must be a topic name: not empty, no '+' or '#' wildcards, no U+0000, at most 65,535 bytes");
		}
		if (topic.getBytes(StandardCharsets.UTF_8).length > TopicFilter.MAX_LENGTH) {
			throw new InvalidRequestException("topic", "must be at most 65,535 bytes of UTF-8");
		}
		if (!TopicFilter.fits(topic, config.maxTopicLevels(), config.maxTopicLength())) {
			throw new InvalidRequestException("topic", "must be at most " + config.maxTopicLength()
					+ " bytes and at most " + config.maxTopicLevels() + " levels (the broker's limits)");
		}
		return topic;
	}

	private static byte[] payload(PublishRequest request) {
		if (request.payload() == null) {
			return new byte[0];
		}
		if (!request.base64()) {
			return request.payload().getBytes(StandardCharsets.UTF_8);
		}
		try {
			return Base64.getDecoder().decode(request.payload());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("payload", "is not valid base64");
		}
	}

	private static MessageProperties properties(PublishRequest.PublishProperties properties) {
		if (properties == null) {
			return MessageProperties.EMPTY;
		}
		if (properties.responseTopic() != null && !TopicFilter.isValidTopicName(properties.responseTopic())) {
			throw new InvalidRequestException("properties.responseTopic",
					"must be a topic name: not empty, no '+' or '#' wildcards, no U+0000");
		}
		byte[] correlationData = null;
		if (properties.correlationData() != null) {
			try {
				correlationData = Base64.getDecoder().decode(properties.correlationData());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidRequestException("properties.correlationData", "is not valid base64");
			}
			if (correlationData.length > 65_535) {
				throw new InvalidRequestException("properties.correlationData", "must be at most 65,535 bytes");
			}
		}
		List<MessageProperties.UserProperty> userProperties = (properties.userProperties() != null)
				? properties.userProperties()
					.stream()
					.map((property) -> new MessageProperties.UserProperty(property.key(), property.value()))
					.toList()
				: List.of();
		return new MessageProperties(properties.payloadFormatIndicator(), properties.messageExpiryInterval(),
				properties.contentType(), properties.responseTopic(), correlationData, userProperties);
	}

	private static String actor() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null && authentication.getName() != null) ? authentication.getName() : "system";
	}

}
