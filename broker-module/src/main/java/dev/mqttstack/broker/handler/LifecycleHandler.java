package dev.mqttstack.broker.handler;

import java.io.IOException;

import javax.net.ssl.SSLException;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.ReasonCode;
import dev.mqttstack.broker.event.DisconnectReason;
import dev.mqttstack.broker.event.DropReason;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.protocol.MessagePropertiesMapper;
import dev.mqttstack.broker.protocol.Packets;
import dev.mqttstack.broker.connection.MqttConnection;
import dev.mqttstack.broker.connection.ReadPause;
import dev.mqttstack.broker.session.Session;

/**
 * Last handler of the pipeline: PINGREQ, DISCONNECT, keep-alive timeouts, errors, and the
 * end of a connection (will, session unbinding, events and the log line).
 */
@Sharable
public final class LifecycleHandler extends ChannelInboundHandlerAdapter {

	private static final Logger logger = LoggerFactory.getLogger(LifecycleHandler.class);

	private final BrokerServices services;

	public LifecycleHandler(BrokerServices services) {
		this.services = services;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		logger.debug("New connection from {}.", ctx.channel().remoteAddress());
		ctx.fireChannelActive();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		MqttConnection connection = MqttConnection.of(ctx.channel());
		MqttMessage packet = (MqttMessage) msg;
		MqttMessageType type = packet.fixedHeader().messageType();
		if ((type == MqttMessageType.PINGREQ || (type == MqttMessageType.DISCONNECT && !connection.isMqtt5()))
				&& packet.fixedHeader().remainingLength() != 0) {
			logger.info("Client {} sent a malformed {} (remaining length {}), disconnecting.", connection, type,
					packet.fixedHeader().remainingLength());
			connection.close(DisconnectReason.MALFORMED_PACKET);
			return;
		}
		switch (type) {
			case PINGREQ -> connection.write(Packets.pingResp());
			case DISCONNECT -> onDisconnect(connection, packet);
			default -> {
				ReferenceCountUtil.release(msg);
				logger.info("Client {} sent an unexpected {}, disconnecting.", connection,
						packet.fixedHeader().messageType());
				connection.close(DisconnectReason.PROTOCOL_ERROR);
			}
		}
	}

	private void onDisconnect(MqttConnection connection, MqttMessage packet) {
		if (packet.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader header) {
			Integer expiry = MessagePropertiesMapper.integer(header.properties(),
					MqttPropertyType.SESSION_EXPIRY_INTERVAL);
			if (expiry != null) {
				connection.settings().setSessionExpiryInterval(Integer.toUnsignedLong(expiry));
			}
			if (header.reasonCode() == ReasonCode.DISCONNECT_WITH_WILL_MESSAGE.value()) {
				connection.close(DisconnectReason.CLIENT_DISCONNECTED_WITH_WILL);
				return;
			}
		}
		connection.clearWill();
		connection.close(DisconnectReason.CLIENT_DISCONNECTED);
	}

	/**
	 * Backpressure: while the client does not read what the broker writes, its messages
	 * wait in its session queue (bounded by the overflow policy) and its own publications
	 * are not read.
	 */
	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) {
		MqttConnection connection = MqttConnection.of(ctx.channel());
		if (ctx.channel().isWritable()) {
			connection.readGate().resume(ReadPause.UNWRITABLE);
			Session session = connection.session();
			if (session != null && connection.isConnected()) {
				session.execute(session::onWritable);
			}
		}
		else {
			connection.readGate().pause(ReadPause.UNWRITABLE);
		}
		ctx.fireChannelWritabilityChanged();
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
		if (event instanceof IdleStateEvent) {
			MqttConnection connection = MqttConnection.of(ctx.channel());
			if (connection.isConnectReceived()) {
				logger.info("Client {} has exceeded timeout, disconnecting.", connection.clientId());
			}
			else {
				logger.debug("Connection from {} sent no CONNECT in time, closing.", ctx.channel().remoteAddress());
			}
			connection.close(DisconnectReason.KEEP_ALIVE_TIMEOUT);
			return;
		}
		ctx.fireUserEventTriggered(event);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		MqttConnection connection = MqttConnection.of(ctx.channel());
		if (cause instanceof IOException
				|| cause instanceof DecoderException && cause.getCause() instanceof SSLException) {
			logger.debug("Connection of {} failed: {}", connection, cause.getMessage());
			connection.close(DisconnectReason.CONNECTION_LOST);
		}
		else {
			logger.warn("Closing connection of {} after an unexpected error", connection, cause);
			connection.close(DisconnectReason.PROTOCOL_ERROR);
		}
	}

	/**
	 * Publishes the will now, or after the MQTT 5 will delay unless the session is
	 * resumed or ends first.
	 */
	private void publishWill(MqttConnection connection, Message will) {
		ClientInfo client = connection.client();
		Runnable publish = () -> {
			// authorized again when it goes out, like every publication: a rule added
			// since CONNECT applies to it
			if (!this.services.authorizer().canPublish(client, will.topic(), will.qos(), will.retain())) {
				logger.info("Will of client {} to '{}' not published: not authorized to publish there any more.",
						client.clientId(), will.topic());
				this.services.metrics().messageDropped();
				this.services.events().messageDropped(client.clientId(), will, DropReason.PUBLISH_NOT_AUTHORIZED);
				return;
			}
			this.services.router()
				.publish(new Message(will.topic(), will.payload(), will.qos(), will.retain(), will.properties(),
						will.publisherId(), this.services.sessions().clock().millis()));
		};
		long delay = connection.settings().willDelayInterval();
		if (delay <= 0) {
			publish.run();
		}
		else {
			this.services.sessions().publishWillLater(connection, delay, publish);
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		MqttConnection connection = MqttConnection.of(ctx.channel());
		if (connection.isConnected()) {
			connection.readGate().handleHeldAfterClose();
		}
		connection.readGate().takeHeld().forEach(ReferenceCountUtil::release);
		if (connection.isConnected()) {
			ClientInfo client = connection.client();
			DisconnectReason reason = connection.closeReason();
			this.services.metrics().clientDisconnected();
			Message will = connection.will();
			if (reason == DisconnectReason.CLIENT_DISCONNECTED) {
				logger.info("Client {} disconnected.", client.clientId());
			}
			else {
				logger.info("Client {} closed its connection ({}{}).", client.clientId(), reason,
						(will != null && reason.publishesWill()) ? ", will published" : "");
			}
			this.services.events().clientDisconnected(client, reason);
			this.services.sessions().disconnect(connection);
			if (reason.publishesWill() && will != null) {
				publishWill(connection, will);
			}
		}
		else {
			this.services.sessions().disconnect(connection);
		}
		ctx.fireChannelInactive();
	}

}
