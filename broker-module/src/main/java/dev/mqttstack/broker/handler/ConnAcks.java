package dev.mqttstack.broker.handler;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mqttstack.broker.BrokerConfig;
import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.ReasonCode;
import dev.mqttstack.broker.event.DisconnectReason;
import dev.mqttstack.broker.protocol.Packets;
import dev.mqttstack.broker.connection.MqttConnection;

/**
 * Builds and writes CONNACK: success with the properties an MQTT 5 client is told, or a
 * refusal with its reason (and, for MQTT 5, a reason string), reported as an event before
 * the connection closes.
 */
final class ConnAcks {

	private static final Logger logger = LoggerFactory.getLogger(ConnectHandler.class);

	private final BrokerServices services;

	ConnAcks(BrokerServices services) {
		this.services = services;
	}

	/**
	 * Answers CONNACK with success: for MQTT 5, the broker's capabilities, the assigned
	 * client identifier, the server keep alive when it differs from the client's and the
	 * enhanced authentication result.
	 * @param connection the accepted connection
	 * @param sessionPresent whether a session was resumed
	 * @param assignedClientId whether the broker assigned the client identifier
	 */
	void success(MqttConnection connection, boolean sessionPresent, boolean assignedClientId) {
		ClientInfo client = connection.client();
		MqttProperties properties = connection.isMqtt5()
				? capabilities(this.services.config(), assignedClientId ? client.clientId() : null)
				: MqttProperties.NO_PROPERTIES;
		if (connection.isMqtt5() && connection.settings().requestedKeepAlive() != client.keepAliveSeconds()) {
			properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.SERVER_KEEP_ALIVE.value(),
					client.keepAliveSeconds()));
		}
		if (connection.authMethod() != null) {
			Packets.authProperties(connection.auth().method(), connection.auth().serverData())
				.listAll()
				.forEach(properties::add);
		}
		connection.write(Packets.connAck(0, sessionPresent, properties));
	}

	/** What an MQTT 5 CONNACK tells the client about the broker. */
	private static MqttProperties capabilities(BrokerConfig config, String assignedClientId) {
		MqttProperties properties = new MqttProperties();
		if (assignedClientId != null) {
			properties.add(new MqttProperties.StringProperty(MqttPropertyType.ASSIGNED_CLIENT_IDENTIFIER.value(),
					assignedClientId));
		}
		if (config.receiveMaximum() < 65_535) {
			properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.RECEIVE_MAXIMUM.value(),
					config.receiveMaximum()));
		}
		properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.MAXIMUM_PACKET_SIZE.value(),
				config.maxPacketSize()));
		properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.TOPIC_ALIAS_MAXIMUM.value(),
				config.topicAliasMaximum()));
		properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.RETAIN_AVAILABLE.value(), 1));
		properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.WILDCARD_SUBSCRIPTION_AVAILABLE.value(), 1));
		properties
			.add(new MqttProperties.IntegerProperty(MqttPropertyType.SUBSCRIPTION_IDENTIFIER_AVAILABLE.value(), 1));
		properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.SHARED_SUBSCRIPTION_AVAILABLE.value(), 1));
		return properties;
	}

	void refuse(MqttConnection connection, ReasonCode reason, String why) {
		ClientInfo client = connection.client();
		logger.info("Client {} from {} refused: {} ({}).", client.clientId(), client.remoteAddress(), reason, why);
		reject(connection, reason, why);
	}

	/** Answers CONNACK with a failure, reports it and closes, without a log line. */
	void reject(MqttConnection connection, ReasonCode reason, String why) {
		ClientInfo client = connection.client();
		this.services.events().connectionRefused(client.clientId(), client.username(), client.remoteAddress(), reason);
		connection.readGate().takeHeld().forEach(ReferenceCountUtil::release);
		if (client.protocolVersion() == ConnectChecks.MQTT_5) {
			MqttProperties properties = new MqttProperties();
			properties.add(new MqttProperties.StringProperty(MqttPropertyType.REASON_STRING.value(), why));
			connection.write(Packets.connAck(reason.value(), false, properties));
		}
		else {
			connection.write(Packets.connAck(reason.connectReturnCode(), false));
		}
		connection.close(DisconnectReason.PROTOCOL_ERROR);
	}

}
