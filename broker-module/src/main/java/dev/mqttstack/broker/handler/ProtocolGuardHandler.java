package dev.mqttstack.broker.handler;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mqttstack.broker.ReasonCode;
import dev.mqttstack.broker.event.DisconnectReason;
import dev.mqttstack.broker.protocol.Packets;
import dev.mqttstack.broker.connection.MqttConnection;

/**
 * First MQTT handler of the pipeline: closes connections that send undecodable or
 * oversized packets, anything but CONNECT first, or a second CONNECT; holds packets that
 * arrive while CONNECT is being authenticated.
 */
@Sharable
public final class ProtocolGuardHandler extends ChannelInboundHandlerAdapter {

	private static final Logger logger = LoggerFactory.getLogger(ProtocolGuardHandler.class);

	private final BrokerServices services;

	public ProtocolGuardHandler(BrokerServices services) {
		this.services = services;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		MqttConnection connection = MqttConnection.of(ctx.channel());
		MqttMessage packet = (MqttMessage) msg;
		if (packet.decoderResult().isFailure()) {
			ReferenceCountUtil.release(msg);
			rejectUndecodable(connection, packet.decoderResult().cause());
			return;
		}
		MqttMessageType type = packet.fixedHeader().messageType();
		if (type == MqttMessageType.CONNECT) {
			if (connection.isConnectReceived()) {
				ReferenceCountUtil.release(msg);
				logger.info("Client {} sent a second CONNECT, disconnecting.", connection);
				connection.close(DisconnectReason.PROTOCOL_ERROR);
				return;
			}
			ctx.fireChannelRead(msg);
		}
		else if (!connection.isConnectReceived()) {
			ReferenceCountUtil.release(msg);
			logger.info("Connection from {} sent {} before CONNECT, closing.", connection, type);
			connection.close(DisconnectReason.PROTOCOL_ERROR);
		}
		else if (type == MqttMessageType.AUTH && !connection.isConnected() && connection.isAuthenticating()) {
			ctx.fireChannelRead(msg);
		}
		else if (!connection.isConnected() || connection.readGate().isHolding()) {
			// before CONNACK, or slowed (publish rate, backpressure): handled later, in
			// order
			connection.readGate().hold(msg);
		}
		else {
			ctx.fireChannelRead(msg);
		}
	}

	private void rejectUndecodable(MqttConnection connection, Throwable cause) {
		if (!connection.isConnectReceived() && cause instanceof MqttUnacceptableProtocolVersionException) {
			refuse(connection, ReasonCode.UNSUPPORTED_PROTOCOL_VERSION, cause);
		}
		else if (!connection.isConnectReceived() && cause instanceof MqttIdentifierRejectedException) {
			refuse(connection, ReasonCode.CLIENT_IDENTIFIER_NOT_VALID, cause);
		}
		else if (cause instanceof TooLongFrameException) {
			logger.info("Client {} sent a packet larger than {} bytes, disconnecting.", connection,
					this.services.config().maxPacketSize());
			connection.close(DisconnectReason.PACKET_TOO_LARGE);
		}
		else {
			logger.info("Client {} sent a malformed packet ({}), disconnecting.", connection, cause.getMessage());
			connection.close(DisconnectReason.MALFORMED_PACKET);
		}
	}

	private void refuse(MqttConnection connection, ReasonCode reason, Throwable cause) {
		logger.info("Connection from {} refused: {} ({}).", connection, reason, cause.getMessage());
		this.services.events().connectionRefused("", null, connection.channel().remoteAddress(), reason);
		connection.write(Packets.connAck(reason.connectReturnCode(), false));
		connection.close(DisconnectReason.PROTOCOL_ERROR);
	}

}
