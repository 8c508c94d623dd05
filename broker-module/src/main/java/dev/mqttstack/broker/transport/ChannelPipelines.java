package dev.mqttstack.broker.transport;

import java.time.Duration;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;

/**
 * What the layers above transport may ask of a connection's pipeline, so that only
 * transport knows its handlers and their names: re-deliver held packets past the protocol
 * guard, apply the negotiated keep-alive, find the TLS session.
 */
public final class ChannelPipelines {

	private ChannelPipelines() {
	}

	/**
	 * The context right after the protocol guard: packets fired from it reach the packet
	 * handlers without passing the guard again.
	 * @param channel the channel
	 * @return the guard's context, or {@code null} when the pipeline is torn down
	 */
	public static ChannelHandlerContext afterGuard(Channel channel) {
		return channel.pipeline().context(HandlerNames.GUARD);
	}

	/**
	 * Replaces the CONNECT timeout with the keep-alive timer: one and a half times the
	 * keep-alive (MQTT §3.1.2.10), or none for keep-alive 0.
	 * @param channel the channel
	 * @param keepAliveSeconds the negotiated keep-alive
	 */
	public static void applyKeepAlive(Channel channel, int keepAliveSeconds) {
		InboundGuard guard = (InboundGuard) channel.pipeline().get(HandlerNames.INBOUND_GUARD);
		if (guard != null) {
			guard.keepAlive((keepAliveSeconds > 0) ? Duration.ofMillis(keepAliveSeconds * 1500L) : null);
		}
	}

	/**
	 * The TLS handler of a connection.
	 * @param channel the channel
	 * @return its TLS handler, or {@code null} on a plain listener
	 */
	public static SslHandler tls(Channel channel) {
		return channel.pipeline().get(SslHandler.class);
	}

}
