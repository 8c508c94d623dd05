package dev.mqttstack.broker.handler;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttMessage;

/**
 * The one pipeline handler behind the protocol guard: hands each packet to the handler of
 * its family — {@link ConnectHandler} (CONNECT, AUTH), {@link PublishHandler} (PUBLISH
 * and its acknowledgements), {@link SubscribeHandler} (SUBSCRIBE, UNSUBSCRIBE) and
 * {@link LifecycleHandler} (PINGREQ, DISCONNECT, anything unexpected, and the channel's
 * events). One handler context per connection instead of four keeps an idle connection
 * small; the handlers stay thin and each holds one family.
 */
@Sharable
final class PacketDispatcher extends ChannelInboundHandlerAdapter {

	private final ConnectHandler connect;

	private final PublishHandler publish;

	private final SubscribeHandler subscribe;

	private final LifecycleHandler lifecycle;

	PacketDispatcher(ConnectHandler connect, PublishHandler publish, SubscribeHandler subscribe,
			LifecycleHandler lifecycle) {
		this.connect = connect;
		this.publish = publish;
		this.subscribe = subscribe;
		this.lifecycle = lifecycle;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		MqttMessage packet = (MqttMessage) msg;
		switch (packet.fixedHeader().messageType()) {
			case CONNECT, AUTH -> this.connect.channelRead(ctx, msg);
			case PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP -> this.publish.channelRead(ctx, msg);
			case SUBSCRIBE, UNSUBSCRIBE -> this.subscribe.channelRead(ctx, msg);
			default -> this.lifecycle.channelRead(ctx, msg);
		}
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		this.lifecycle.channelActive(ctx);
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) {
		this.lifecycle.channelWritabilityChanged(ctx);
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
		this.lifecycle.userEventTriggered(ctx, event);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		this.lifecycle.exceptionCaught(ctx, cause);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		this.lifecycle.channelInactive(ctx);
	}

}
