package dev.mqttstack.broker.transport;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * Carries the MQTT byte stream in binary WebSocket frames: frame contents go to the MQTT
 * decoder as they come (a packet may span frames), and every encoded packet leaves as one
 * binary frame. Text frames end the connection, as MQTT over WebSocket requires.
 */
@Sharable
final class WebSocketFrameCodec extends MessageToMessageCodec<WebSocketFrame, ByteBuf> {

	static final WebSocketFrameCodec INSTANCE = new WebSocketFrameCodec();

	@Override
	protected void encode(ChannelHandlerContext ctx, ByteBuf packet, List<Object> out) {
		out.add(new BinaryWebSocketFrame(packet.retain()));
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
		if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
			out.add(frame.content().retain());
		}
		else {
			ctx.close();
		}
	}

}
