package dev.mqttstack.broker.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

import dev.mqttstack.broker.sys.BrokerMetrics;

/**
 * Counts the bytes every connection reads and writes, for {@code $SYS/broker/bytes/...}.
 */
@Sharable
final class TrafficCounter extends ChannelDuplexHandler {

	private final BrokerMetrics metrics;

	TrafficCounter(BrokerMetrics metrics) {
		this.metrics = metrics;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof ByteBuf buffer) {
			this.metrics.bytesReceived(buffer.readableBytes());
		}
		ctx.fireChannelRead(msg);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (msg instanceof ByteBuf buffer) {
			this.metrics.bytesSent(buffer.readableBytes());
		}
		ctx.write(msg, promise);
	}

}
