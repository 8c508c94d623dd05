package dev.mqttstack.broker.handler;

import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mqttstack.broker.BrokerConfig;
import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.ReasonCode;
import dev.mqttstack.broker.TlsConfig;
import dev.mqttstack.broker.event.DisconnectReason;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.protocol.MessagePropertiesMapper;
import dev.mqttstack.broker.protocol.Packets;
import dev.mqttstack.broker.security.AuthenticationRequest;
import dev.mqttstack.broker.security.AuthenticationResult;
import dev.mqttstack.broker.security.AuthenticationStep;
import dev.mqttstack.broker.connection.MqttConnection;
import dev.mqttstack.broker.connection.ReadPause;
import dev.mqttstack.broker.session.Session;
import dev.mqttstack.broker.subscription.TopicFilter;
import dev.mqttstack.broker.event.Limit;
import dev.mqttstack.broker.store.SessionState;
import dev.mqttstack.broker.transport.ChannelPipelines;
import dev.mqttstack.broker.transport.InboundLimits;

/**
 * Handles CONNECT: checks it, authenticates off the event loop, binds the session (taking
 * it over from an earlier connection of the same client) and answers CONNACK, with the
 * broker's capabilities for MQTT 5 clients.
 */
@Sharable
public final class ConnectHandler extends ChannelInboundHandlerAdapter {

	private static final Logger logger = LoggerFactory.getLogger(ConnectHandler.class);

	private static final int MQTT_5 = 5;

	private static final long UNSIGNED_INT_MAX = 0xFFFF_FFFFL;

	/** The largest keep-alive, and the default cap: no cap below it. */
	private static final int KEEP_ALIVE_LIMIT = 65_535;

	private final BrokerServices services;

	private final InboundLimits limits;

	public ConnectHandler(BrokerServices services, InboundLimits limits) {
		this.services = services;
		this.limits = limits;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof MqttMessage packet && packet.fixedHeader().messageType() == MqttMessageType.AUTH) {
			MqttConnection connection = MqttConnection.of(ctx.channel());
			if (connection.isConnected()) {
				onReauthentication(ctx, connection, packet);
			}
			else {
				onAuth(ctx, connection, packet);
			}
			return;
		}
		if (!(msg instanceof MqttConnectMessage connect)) {
			ctx.fireChannelRead(msg);
			return;
		}
		try {
			onConnect(ctx, MqttConnection.of(ctx.channel()), connect);
		}
		finally {
			ReferenceCountUtil.release(msg);
		}
	}

	private void onConnect(ChannelHandlerContext ctx, MqttConnection connection, MqttConnectMessage connect) {
		MqttConnectVariableHeader header = connect.variableHeader();
		MqttConnectPayload payload = connect.payload();
		boolean mqtt5 = header.version() == MQTT_5;
		String clientId = (payload.clientIdentifier() != null) ? payload.clientIdentifier() : "";
		InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
		String username = header.hasUserName() ? payload.userName() : null;
		TlsConfig tls = connection.listener().tls();
		boolean certificateIdentity = false;
		if (tls != null && tls.usernameFromCertificate()) {
			username = certificateCommonName(ctx);
			certificateIdentity = username != null;
		}
		ClientInfo client = new ClientInfo(clientId, username, remote, header.version(), header.isCleanSession(),
				header.keepAliveTimeSeconds(), Map.of());
		connection.connectReceived(client, null);
		connection.settings().setRequestedKeepAlive(header.keepAliveTimeSeconds());
		String violation = violation(header, payload);
		if (violation != null) {
			logger.info("Connection from {} sent an invalid CONNECT ({}), closing.", connection, violation);
			connection.close(DisconnectReason.PROTOCOL_ERROR);
			return;
		}
		if (!mqtt5 && keepAliveAboveCap(header.keepAliveTimeSeconds())) {
			refuse(connection, ReasonCode.CLIENT_IDENTIFIER_NOT_VALID, "keep-alive " + header.keepAliveTimeSeconds()
					+ " s above the broker's " + this.services.config().maxKeepAlive());
			return;
		}
		MqttProperties properties = header.properties();
		String authMethod = mqtt5 ? MessagePropertiesMapper.string(properties, MqttPropertyType.AUTHENTICATION_METHOD)
				: null;
		if (authMethod != null && !this.services.enhancedAuthenticators().containsKey(authMethod)) {
			refuse(connection, ReasonCode.BAD_AUTHENTICATION_METHOD, "no authenticator for " + authMethod);
			return;
		}
		boolean assigned = clientId.isEmpty();
		if (assigned) {
			if (!mqtt5 && !header.isCleanSession()) {
				refuse(connection, ReasonCode.CLIENT_IDENTIFIER_NOT_VALID, "empty client id with a persistent session");
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
						sessionExpiry(
								MessagePropertiesMapper.integer(properties, MqttPropertyType.SESSION_EXPIRY_INTERVAL)),
						(willDelay != null) ? Integer.toUnsignedLong(willDelay) : 0);
			Integer aliasMaximum = MessagePropertiesMapper.integer(properties, MqttPropertyType.TOPIC_ALIAS_MAXIMUM);
			connection.topicAliases()
				.setOutboundMaximum(
						(aliasMaximum != null && this.services.config().outboundTopicAliases()) ? aliasMaximum : 0);
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
			step(ctx, connection, authData(properties));
			return;
		}
		this.services.authenticator()
			.authenticate(request)
			.whenComplete((result, failure) -> ctx.executor()
				.execute(() -> onAuthenticated(ctx, connection, result, failure, assigned)));
	}

	/**
	 * The CN of the client certificate, as mosquitto's use_identity_as_username takes it;
	 * {@code null} if none.
	 */
	private static String certificateCommonName(ChannelHandlerContext ctx) {
		SslHandler ssl = ChannelPipelines.tls(ctx.channel());
		try {
			Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
			String subject = ((X509Certificate) chain[0]).getSubjectX500Principal().getName();
			for (Rdn rdn : new LdapName(subject).getRdns()) {
				if (rdn.getType().equalsIgnoreCase("CN")) {
					return rdn.getValue().toString();
				}
			}
		}
		catch (SSLPeerUnverifiedException | InvalidNameException ex) {
			logger.debug("No usable client certificate: {}", ex.getMessage());
		}
		return null;
	}

	/**
	 * An AUTH from the client during enhanced authentication: the next step of the
	 * exchange.
	 */
	private void onAuth(ChannelHandlerContext ctx, MqttConnection connection, MqttMessage auth) {
		MqttReasonCodeAndPropertiesVariableHeader header = (MqttReasonCodeAndPropertiesVariableHeader) auth
			.variableHeader();
		String method = MessagePropertiesMapper.string(header.properties(), MqttPropertyType.AUTHENTICATION_METHOD);
		if (connection.auth().exchange() == null || header.reasonCode() != ReasonCode.CONTINUE_AUTHENTICATION.value()
				|| !connection.auth().method().equals(method)) {
			logger.info("Connection from {} sent an unexpected AUTH, closing.", connection);
			connection.close(DisconnectReason.PROTOCOL_ERROR);
			return;
		}
		step(ctx, connection, authData(header.properties()));
	}

	/**
	 * An AUTH from a connected client: starts (0x19 re-authenticate) or continues (0x18)
	 * re-authentication with the method it connected with. The connection goes on
	 * meanwhile; a failure ends it with 0x87.
	 */
	private void onReauthentication(ChannelHandlerContext ctx, MqttConnection connection, MqttMessage auth) {
		MqttReasonCodeAndPropertiesVariableHeader header = (MqttReasonCodeAndPropertiesVariableHeader) auth
			.variableHeader();
		String method = MessagePropertiesMapper.string(header.properties(), MqttPropertyType.AUTHENTICATION_METHOD);
		int reason = header.reasonCode() & 0xFF;
		boolean starting = reason == ReasonCode.RE_AUTHENTICATE.value() && connection.auth().exchange() == null;
		boolean continuing = reason == ReasonCode.CONTINUE_AUTHENTICATION.value()
				&& connection.auth().exchange() != null;
		if (connection.auth().method() == null || !connection.auth().method().equals(method)
				|| !(starting || continuing)) {
			logger.info("Client {} sent an unexpected AUTH, disconnecting.", connection);
			connection.close(DisconnectReason.PROTOCOL_ERROR);
			return;
		}
		if (starting) {
			ClientInfo client = connection.client();
			connection.auth()
				.start(method,
						this.services.enhancedAuthenticators()
							.get(method)
							.start(new AuthenticationRequest(client.clientId(), client.username(), null,
									client.remoteAddress(), client.protocolVersion())),
						connection.auth().isAssignedClientId());
		}
		connection.auth()
			.exchange()
			.next(authData(header.properties()))
			.whenComplete((step, failure) -> ctx.executor()
				.execute(() -> onReauthenticationStep(connection, method, step, failure)));
	}

	private void onReauthenticationStep(MqttConnection connection, String method, AuthenticationStep step,
			Throwable failure) {
		if (!connection.channel().isActive()) {
			return;
		}
		if (failure != null || step.reasonCode().isFailure()) {
			logger.info("Client {} failed re-authentication, disconnecting.", connection);
			connection.close(DisconnectReason.NOT_AUTHORIZED);
			return;
		}
		if (step.reasonCode() == ReasonCode.CONTINUE_AUTHENTICATION) {
			connection.write(Packets.auth(ReasonCode.CONTINUE_AUTHENTICATION, method, step.serverData()));
			return;
		}
		connection.auth().finish(step.serverData());
		ClientInfo before = connection.client();
		ClientInfo after = new ClientInfo(before.clientId(), before.username(), before.remoteAddress(),
				before.protocolVersion(), before.cleanSession(), before.keepAliveSeconds(), step.attributes());
		connection.connectReceived(after, connection.will());
		Session session = connection.session();
		if (session != null) {
			session.execute(() -> session.reauthenticated(connection, after));
		}
		connection.write(Packets.auth(ReasonCode.SUCCESS, method, step.serverData()));
		logger.debug("Client {} re-authenticated", connection);
	}

	private void step(ChannelHandlerContext ctx, MqttConnection connection, byte[] clientData) {
		connection.readGate().pause(ReadPause.AUTHENTICATION);
		connection.auth()
			.exchange()
			.next(clientData)
			.whenComplete((step, failure) -> ctx.executor().execute(() -> onStep(ctx, connection, step, failure)));
	}

	private void onStep(ChannelHandlerContext ctx, MqttConnection connection, AuthenticationStep step,
			Throwable failure) {
		connection.readGate().resume(ReadPause.AUTHENTICATION);
		if (!ctx.channel().isActive()) {
			return;
		}
		if (failure != null) {
			onAuthenticated(ctx, connection, null, failure, connection.auth().isAssignedClientId());
		}
		else if (step.reasonCode() == ReasonCode.SUCCESS) {
			connection.auth().finish(step.serverData());
			onAuthenticated(ctx, connection, AuthenticationResult.accept(step.attributes()), null,
					connection.auth().isAssignedClientId());
		}
		else if (step.reasonCode() == ReasonCode.CONTINUE_AUTHENTICATION) {
			connection
				.write(Packets.auth(ReasonCode.CONTINUE_AUTHENTICATION, connection.auth().method(), step.serverData()));
		}
		else {
			refuse(connection, step.reasonCode(), "enhanced authentication failed");
		}
	}

	private static byte[] authData(MqttProperties properties) {
		MqttProperties.MqttProperty<?> data = properties.getProperty(MqttPropertyType.AUTHENTICATION_DATA.value());
		return (data != null) ? (byte[]) data.value() : new byte[0];
	}

	private static long sessionExpiry(Integer property) {
		if (property == null) {
			return 0;
		}
		long seconds = Integer.toUnsignedLong(property);
		return (seconds == UNSIGNED_INT_MAX) ? Session.NEVER_EXPIRES : seconds;
	}

	private static String violation(MqttConnectVariableHeader header, MqttConnectPayload payload) {
		if (!header.isWillFlag() && (header.willQos() != 0 || header.isWillRetain())) {
			return "will QoS or retain set without a will";
		}
		if (header.willQos() > 2) {
			return "will QoS 3";
		}
		if (header.isWillFlag() && !TopicFilter.isValidTopicName(payload.willTopic())) {
			return "invalid will topic";
		}
		if (header.hasPassword() && !header.hasUserName() && header.version() != MQTT_5) {
			return "password without user name";
		}
		if (payload.clientIdentifier() != null && payload.clientIdentifier().indexOf('\u0000') >= 0) {
			return "U+0000 in the client identifier";
		}
		return null;
	}

	private void onAuthenticated(ChannelHandlerContext ctx, MqttConnection connection, AuthenticationResult result,
			Throwable failure, boolean assignedClientId) {
		connection.readGate().resume(ReadPause.AUTHENTICATION);
		if (!ctx.channel().isActive()) {
			return;
		}
		if (failure != null) {
			logger.warn("Authentication of {} failed", connection, failure);
			refuse(connection, ReasonCode.SERVER_UNAVAILABLE, "authenticator failed");
			return;
		}
		if (!result.isAccepted()) {
			refuse(connection, result.reasonCode(), "not authenticated");
			return;
		}
		ClientInfo anonymous = connection.client();
		ClientInfo client = new ClientInfo(anonymous.clientId(), anonymous.username(), anonymous.remoteAddress(),
				anonymous.protocolVersion(), anonymous.cleanSession(), anonymous.keepAliveSeconds(),
				result.attributes());
		Message will = connection.will();
		if (will != null && !this.services.authorizer().canPublish(client, will.topic(), will.qos(), will.retain())) {
			refuse(connection, ReasonCode.NOT_AUTHORIZED, "will topic not authorized");
			return;
		}
		Limit quota = this.limits.acquire(ctx.channel(), client.username(), client.remoteAddress().getAddress());
		if (quota != null) {
			this.services.metrics().limitReached();
			this.services.events().limitReached(quota, client.clientId(), client.remoteAddress());
			refuse(connection, ReasonCode.QUOTA_EXCEEDED, quota + " reached");
			return;
		}
		int keepAlive = connection.isMqtt5() ? effectiveKeepAlive(client.keepAliveSeconds())
				: client.keepAliveSeconds();
		client = new ClientInfo(client.clientId(), client.username(), client.remoteAddress(), client.protocolVersion(),
				client.cleanSession(), keepAlive, client.attributes());
		connection.connectReceived(client, will);
		ChannelPipelines.applyKeepAlive(ctx.channel(), keepAlive);
		this.services.sessions()
			.connect(connection, client.cleanSession(), connection.sessionExpiryInterval(),
					(present) -> accept(ctx, connection, present, assignedClientId),
					(owner) -> refuseTakeover(connection, owner));
	}

	/**
	 * Refuses a client whose client identifier belongs to another user's session: one
	 * WARN line and a refused-connection event; the session and its connection stay as
	 * they are.
	 */
	private void refuseTakeover(MqttConnection connection, SessionState.Owner owner) {
		if (!connection.channel().isActive()) {
			return;
		}
		ClientInfo client = connection.client();
		logger.warn("Client {} from {} refused: its session belongs to user {}, not to {}.", client.clientId(),
				client.remoteAddress(), owner, SessionState.Owner.of(client.username()));
		reject(connection, ReasonCode.CLIENT_IDENTIFIER_NOT_VALID, "client identifier in use by another user");
	}

	private void accept(ChannelHandlerContext ctx, MqttConnection connection, boolean sessionPresent,
			boolean assignedClientId) {
		if (!ctx.channel().isActive()) {
			this.services.sessions().disconnect(connection);
			return;
		}
		ClientInfo client = connection.client();
		MqttProperties properties = connection.isMqtt5()
				? capabilities(this.services.config(), assignedClientId ? client.clientId() : null)
				: MqttProperties.NO_PROPERTIES;
		if (connection.isMqtt5() && connection.settings().requestedKeepAlive() != client.keepAliveSeconds()) {
			properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.SERVER_KEEP_ALIVE.value(),
					client.keepAliveSeconds()));
		}
		if (connection.auth().method() != null) {
			Packets.authProperties(connection.auth().method(), connection.auth().serverData())
				.listAll()
				.forEach(properties::add);
		}
		connection.write(Packets.connAck(0, sessionPresent, properties));
		connection.markConnected();
		this.services.metrics().clientConnected();
		logger.info("New client connected from {} as {} (p{}, c{}, k{}{}).", client.remoteAddress(), client.clientId(),
				client.protocolVersion(), client.cleanSession() ? 1 : 0, client.keepAliveSeconds(),
				(client.username() != null) ? ", u'" + client.username() + "'" : "");
		this.services.events().clientConnected(client, sessionPresent);
		this.services.sessions().attach(connection);
		for (Object held : connection.readGate().takeHeld()) {
			ctx.fireChannelRead(held);
		}
	}

	private int effectiveKeepAlive(int requested) {
		int max = this.services.config().maxKeepAlive();
		return (max > 0 && (requested == 0 || requested > max)) ? max : requested;
	}

	/**
	 * Whether an MQTT 3.1/3.1.1 client's keep-alive passes the cap, as mosquitto's
	 * {@code max_keepalive} decides: more than the cap, or none while the cap is below
	 * the protocol's largest.
	 */
	private boolean keepAliveAboveCap(int requested) {
		int max = this.services.config().maxKeepAlive();
		return max > 0 && (requested > max || (requested == 0 && max < KEEP_ALIVE_LIMIT));
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

	private void refuse(MqttConnection connection, ReasonCode reason, String why) {
		ClientInfo client = connection.client();
		logger.info("Client {} from {} refused: {} ({}).", client.clientId(), client.remoteAddress(), reason, why);
		reject(connection, reason, why);
	}

	/** Answers CONNACK with a failure, reports it and closes, without a log line. */
	private void reject(MqttConnection connection, ReasonCode reason, String why) {
		ClientInfo client = connection.client();
		this.services.events().connectionRefused(client.clientId(), client.username(), client.remoteAddress(), reason);
		connection.readGate().takeHeld().forEach(ReferenceCountUtil::release);
		if (client.protocolVersion() == MQTT_5) {
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
