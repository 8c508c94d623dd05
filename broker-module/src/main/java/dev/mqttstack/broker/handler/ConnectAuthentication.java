package dev.mqttstack.broker.handler;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.ssl.SslHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.ReasonCode;
import dev.mqttstack.broker.event.DisconnectReason;
import dev.mqttstack.broker.protocol.MessagePropertiesMapper;
import dev.mqttstack.broker.protocol.Packets;
import dev.mqttstack.broker.security.AuthenticationRequest;
import dev.mqttstack.broker.security.AuthenticationResult;
import dev.mqttstack.broker.security.AuthenticationStep;
import dev.mqttstack.broker.connection.MqttConnection;
import dev.mqttstack.broker.connection.ReadPause;
import dev.mqttstack.broker.session.Session;
import dev.mqttstack.broker.transport.ChannelPipelines;

/**
 * Authentication of a connection: the plain authenticator at CONNECT, MQTT 5 enhanced
 * authentication (AUTH exchanges before CONNACK), re-authentication of a connected
 * client, and the TLS client certificate as user name. Authenticators run off the event
 * loop; their answers come back on it.
 */
final class ConnectAuthentication {

	private static final Logger logger = LoggerFactory.getLogger(ConnectHandler.class);

	private final BrokerServices services;

	private final ConnectAdmission binding;

	private final ConnAcks acks;

	ConnectAuthentication(BrokerServices services, ConnectAdmission binding, ConnAcks acks) {
		this.services = services;
		this.binding = binding;
		this.acks = acks;
	}

	/**
	 * Authenticates a CONNECT with the broker's authenticator, off the event loop; the
	 * result comes back on it.
	 * @param ctx the connect handler's context
	 * @param connection the connection
	 * @param request what the client presented
	 * @param assigned whether the broker assigned the client identifier
	 */
	void authenticate(ChannelHandlerContext ctx, MqttConnection connection, AuthenticationRequest request,
			boolean assigned) {
		this.services.authenticator()
			.authenticate(request)
			.whenComplete((result, failure) -> ctx.executor()
				.execute(() -> this.binding.authenticated(ctx, connection, result, failure, assigned)));
	}

	/**
	 * The CN of the client certificate, as mosquitto's use_identity_as_username takes it;
	 * {@code null} if none.
	 */
	static String certificateCommonName(ChannelHandlerContext ctx) {
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
	void onAuth(ChannelHandlerContext ctx, MqttConnection connection, MqttMessage auth) {
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
	void onReauthentication(ChannelHandlerContext ctx, MqttConnection connection, MqttMessage auth) {
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

	void step(ChannelHandlerContext ctx, MqttConnection connection, byte[] clientData) {
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
			this.binding.authenticated(ctx, connection, null, failure, connection.auth().isAssignedClientId());
		}
		else if (step.reasonCode() == ReasonCode.SUCCESS) {
			connection.auth().finish(step.serverData());
			this.binding.authenticated(ctx, connection, AuthenticationResult.accept(step.attributes()), null,
					connection.auth().isAssignedClientId());
		}
		else if (step.reasonCode() == ReasonCode.CONTINUE_AUTHENTICATION) {
			connection
				.write(Packets.auth(ReasonCode.CONTINUE_AUTHENTICATION, connection.auth().method(), step.serverData()));
		}
		else {
			this.acks.refuse(connection, step.reasonCode(), "enhanced authentication failed");
		}
	}

	static byte[] authData(MqttProperties properties) {
		MqttProperties.MqttProperty<?> data = properties.getProperty(MqttPropertyType.AUTHENTICATION_DATA.value());
		return (data != null) ? (byte[]) data.value() : new byte[0];
	}

}
