package dev.mqttstack.broker.handler;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.UUID;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.ReasonCode;
import dev.mqttstack.broker.TlsConfig;
import dev.mqttstack.broker.event.DisconnectReason;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.protocol.MessagePropertiesMapper;
import dev.mqttstack.broker.security.AuthenticationRequest;
import dev.mqttstack.broker.connection.MqttConnection;
import dev.mqttstack.broker.connection.ReadPause;
import dev.mqttstack.broker.transport.InboundLimits;

/**
 * The service behind {@link ConnectHandler}: a CONNECT goes through its steps in order:
 * the checks and limits of {@link ConnectChecks}, authentication
 * ({@link ConnectAuthentication}), session ownership and binding
 * ({@link ConnectAdmission}), and CONNACK ({@link ConnAcks}).
 */
final class ConnectService {

	private static final Logger logger = LoggerFactory.getLogger(ConnectHandler.class);

	private final BrokerServices services;

	private final ConnAcks acks;

	private final ConnectAuthentication authentication;

	ConnectService(BrokerServices services, InboundLimits limits) {
		this.services = services;
		this.acks = new ConnAcks(services);
		this.authentication = new ConnectAuthentication(services, new ConnectAdmission(services, limits, this.acks),
				this.acks);
	}

	ConnectAuthentication authentication() {
		return this.authentication;
	}

	/**
	 * A CONNECT: records the client, checks the packet and the broker's limits, reads the
	 * MQTT 5 properties that shape the session, builds the will, then starts
	 * authentication with reading paused.
	 */
	void connect(ChannelHandlerContext ctx, MqttConnection connection, MqttConnectMessage connect) {
		MqttConnectVariableHeader header = connect.variableHeader();
		MqttConnectPayload payload = connect.payload();
		boolean mqtt5 = header.version() == ConnectChecks.MQTT_5;
		String clientId = (payload.clientIdentifier() != null) ? payload.clientIdentifier() : "";
		InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
		String username = header.hasUserName() ? payload.userName() : null;
		TlsConfig tls = connection.listener().tls();
		boolean certificateIdentity = false;
		if (tls != null && tls.usernameFromCertificate()) {
			username = ConnectAuthentication.certificateCommonName(ctx);
			certificateIdentity = username != null;
		}
		ClientInfo client = new ClientInfo(clientId, username, remote, header.version(), header.isCleanSession(),
				header.keepAliveTimeSeconds(), Map.of());
		connection.connectReceived(client, null);
		connection.settings().setRequestedKeepAlive(header.keepAliveTimeSeconds());
		String violation = ConnectChecks.violation(header, payload);
		if (violation != null) {
			logger.info("Connection from {} sent an invalid CONNECT ({}), closing.", connection, violation);
			connection.close(DisconnectReason.PROTOCOL_ERROR);
			return;
		}
		if (!mqtt5 && ConnectChecks.keepAliveAboveCap(this.services.config(), header.keepAliveTimeSeconds())) {
			this.acks.refuse(connection, ReasonCode.CLIENT_IDENTIFIER_NOT_VALID, "keep-alive "
					+ header.keepAliveTimeSeconds() + " s above the broker's " + this.services.config().maxKeepAlive());
			return;
		}
		MqttProperties properties = header.properties();
		String authMethod = mqtt5 ? MessagePropertiesMapper.string(properties, MqttPropertyType.AUTHENTICATION_METHOD)
				: null;
		if (authMethod != null && !this.services.enhancedAuthenticators().containsKey(authMethod)) {
			this.acks.refuse(connection, ReasonCode.BAD_AUTHENTICATION_METHOD, "no authenticator for " + authMethod);
			return;
		}
		boolean assigned = clientId.isEmpty();
		if (assigned) {
			if (!mqtt5 && !header.isCleanSession()) {
				this.acks.refuse(connection, ReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
						"empty client id with a persistent session");
				return;
			}
			clientId = "auto-" + UUID.randomUUID();
			client = new ClientInfo(clientId, client.username(), remote, client.protocolVersion(),
					header.isCleanSession(), client.keepAliveSeconds(), Map.of());
		}
		if (mqtt5) {
			Integer receiveMaximum = MessagePropertiesMapper.integer(properties, MqttPropertyType.RECEIVE_MAXIMUM);
			Integer maximumPacketSize = MessagePropertiesMapper.integer(properties,
					MqttPropertyType.MAXIMUM_PACKET_SIZE);
			if ((receiveMaximum != null && receiveMaximum == 0)
					|| (maximumPacketSize != null && maximumPacketSize == 0)) {
				logger.info("Connection from {} sent a zero receive maximum or packet size, closing.", connection);
				connection.close(DisconnectReason.PROTOCOL_ERROR);
				return;
			}
			Integer willDelay = header.isWillFlag()
					? MessagePropertiesMapper.integer(payload.willProperties(), MqttPropertyType.WILL_DELAY_INTERVAL)
					: null;
			connection.settings()
				.set((receiveMaximum != null) ? receiveMaximum : 65_535,
						(maximumPacketSize != null) ? maximumPacketSize : Integer.MAX_VALUE,
						ConnectChecks.sessionExpiry(
								MessagePropertiesMapper.integer(properties, MqttPropertyType.SESSION_EXPIRY_INTERVAL)),
						(willDelay != null) ? Integer.toUnsignedLong(willDelay) : 0);
			Integer aliasMaximum = MessagePropertiesMapper.integer(properties, MqttPropertyType.TOPIC_ALIAS_MAXIMUM);
			if (aliasMaximum != null && aliasMaximum > 0 && this.services.config().outboundTopicAliases()) {
				// the aliases are created here or by the first inbound alias, else never
				connection.topicAliases().setOutboundMaximum(aliasMaximum);
			}
		}
		else {
			long expiry = this.services.config().persistentSessionExpirySeconds();
			connection.settings().set(65_535, Integer.MAX_VALUE, header.isCleanSession() ? 0 : expiry, 0);
		}
		Message will = header.isWillFlag()
				? new Message(payload.willTopic(), payload.willMessageInBytes(), header.willQos(),
						header.isWillRetain(), mqtt5 ? MessagePropertiesMapper.fromWire(payload.willProperties())
								: dev.mqttstack.broker.message.MessageProperties.EMPTY,
						clientId, 0)
				: null;
		connection.connectReceived(client, will);
		connection.readGate().pause(ReadPause.AUTHENTICATION);
		AuthenticationRequest request = new AuthenticationRequest(clientId, client.username(),
				header.hasPassword() ? payload.passwordInBytes() : null, remote, header.version(), certificateIdentity);
		if (authMethod != null) {
			connection.auth()
				.start(authMethod, this.services.enhancedAuthenticators().get(authMethod).start(request), assigned);
			this.authentication.step(ctx, connection, ConnectAuthentication.authData(properties));
			return;
		}
		this.authentication.authenticate(ctx, connection, request, assigned);
	}

}
