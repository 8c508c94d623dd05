package dev.mqttstack.broker.handler;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.util.ReferenceCountUtil;

import dev.mqttstack.broker.connection.MqttConnection;
import dev.mqttstack.broker.transport.InboundLimits;

/**
 * Handles CONNECT and AUTH: hands each to the {@link ConnectService}, which checks the
 * CONNECT, authenticates off the event loop, binds the session (taking it over from an
 * earlier connection of the same user) and answers CONNACK, with the broker's
 * capabilities for MQTT 5 clients.
 */
@Sharable
public final class ConnectHandler extends ChannelInboundHandlerAdapter {

	private final ConnectService service;

	public ConnectHandler(BrokerServices services, InboundLimits limits) {
		this.service = new ConnectService(services, limits);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof MqttMessage packet && packet.fixedHeader().messageType() == MqttMessageType.AUTH) {
			MqttConnection connection = MqttConnection.of(ctx.channel());
			if (connection.isConnected()) {
				this.service.authentication().onReauthentication(ctx, connection, packet);
			}
			else {
				this.service.authentication().onAuth(ctx, connection, packet);
			}
			return;
		}
		if (!(msg instanceof MqttConnectMessage connect)) {
			ctx.fireChannelRead(msg);
			return;
		}
		try {
			this.service.connect(ctx, MqttConnection.of(ctx.channel()), connect);
		}
		finally {
			ReferenceCountUtil.release(msg);
		}
	}

}
