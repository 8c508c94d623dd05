package dev.mqttstack.broker.handler;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.ReasonCode;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.security.AuthenticationResult;
import dev.mqttstack.broker.connection.MqttConnection;
import dev.mqttstack.broker.connection.ReadPause;
import dev.mqttstack.broker.event.Limit;
import dev.mqttstack.broker.store.SessionState;
import dev.mqttstack.broker.transport.ChannelPipelines;
import dev.mqttstack.broker.transport.InboundLimits;

/**
 * The step of CONNECT after authentication: authorises the will, counts the connection
 * against the per-user and per-address limits, applies the keep-alive, and binds the
 * session through the registry, which resumes it, takes it over from an earlier
 * connection of the same user, or refuses another user's client identifier; then answers
 * CONNACK and hands over the packets held meanwhile.
 */
final class ConnectAdmission {

	private static final Logger logger = LoggerFactory.getLogger(ConnectHandler.class);

	private final BrokerServices services;

	private final InboundLimits limits;

	private final ConnAcks acks;

	ConnectAdmission(BrokerServices services, InboundLimits limits, ConnAcks acks) {
		this.services = services;
		this.limits = limits;
		this.acks = acks;
	}

	/**
	 * The authenticator decided: checks the will and the connection quotas, applies the
	 * keep-alive, then binds the session, which accepts or refuses the client. On the
	 * event loop.
	 */
	void authenticated(ChannelHandlerContext ctx, MqttConnection connection, AuthenticationResult result,
			Throwable failure, boolean assignedClientId) {
		connection.readGate().resume(ReadPause.AUTHENTICATION);
		if (!ctx.channel().isActive()) {
			return;
		}
		if (failure != null) {
			logger.warn("Authentication of {} failed", connection, failure);
			this.acks.refuse(connection, ReasonCode.SERVER_UNAVAILABLE, "authenticator failed");
			return;
		}
		if (!result.isAccepted()) {
			this.acks.refuse(connection, result.reasonCode(), "not authenticated");
			return;
		}
		ClientInfo anonymous = connection.client();
		ClientInfo client = new ClientInfo(anonymous.clientId(), anonymous.username(), anonymous.remoteAddress(),
				anonymous.protocolVersion(), anonymous.cleanSession(), anonymous.keepAliveSeconds(),
				result.attributes());
		Message will = connection.will();
		if (will != null && !this.services.authorizer().canPublish(client, will.topic(), will.qos(), will.retain())) {
			this.acks.refuse(connection, ReasonCode.NOT_AUTHORIZED, "will topic not authorized");
			return;
		}
		Limit quota = this.limits.acquire(ctx.channel(), client.username(), client.remoteAddress().getAddress());
		if (quota != null) {
			this.services.metrics().limitReached();
			this.services.events().limitReached(quota, client.clientId(), client.remoteAddress());
			this.acks.refuse(connection, ReasonCode.QUOTA_EXCEEDED, quota + " reached");
			return;
		}
		int keepAlive = connection.isMqtt5()
				? ConnectChecks.effectiveKeepAlive(this.services.config(), client.keepAliveSeconds())
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
		this.acks.reject(connection, ReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
				"client identifier in use by another user");
	}

	private void accept(ChannelHandlerContext ctx, MqttConnection connection, boolean sessionPresent,
			boolean assignedClientId) {
		if (!ctx.channel().isActive()) {
			this.services.sessions().disconnect(connection);
			return;
		}
		this.acks.success(connection, sessionPresent, assignedClientId);
		connection.markConnected();
		ClientInfo client = connection.client();
		this.services.metrics().clientConnected();
		logger.info("New client connected from {} as {} (p{}, c{}, k{}{}).", client.remoteAddress(), client.clientId(),
				client.protocolVersion(), client.cleanSession() ? 1 : 0, client.keepAliveSeconds(),
				(client.username() != null) ? ", u'" + client.username() + "'" : "");
		this.services.events().clientConnected(client, sessionPresent);
		this.services.sessions().attach(connection);
		// past the protocol guard to the packet dispatcher, which this handler is part of
		ChannelHandlerContext next = ChannelPipelines.afterGuard(ctx.channel());
		for (Object held : connection.readGate().takeHeld()) {
			if (next != null) {
				next.fireChannelRead(held);
			}
			else {
				ReferenceCountUtil.release(held);
			}
		}
	}

}
