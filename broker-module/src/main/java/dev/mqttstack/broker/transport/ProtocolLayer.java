package dev.mqttstack.broker.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;

import dev.mqttstack.broker.ListenerConfig;
import dev.mqttstack.broker.event.DisconnectReason;

/**
 * What transport needs from the MQTT protocol layer above it, so that transport depends
 * on no handler or connection class: the packet handlers to put after the codec, and the
 * connection state of each channel.
 */
public interface ProtocolLayer {

	/**
	 * Attaches the connection state to a new channel.
	 * @param channel the channel
	 * @param listener the listener that accepted it
	 */
	void open(Channel channel, ListenerConfig listener);

	/**
	 * The client identifier of a channel's CONNECT, for logs and events.
	 * @param channel the channel
	 * @return the client identifier, or {@code null} before CONNECT
	 */
	String clientId(Channel channel);

	/**
	 * Closes a channel for a reason, with DISCONNECT when the client's protocol has one.
	 * @param channel the channel
	 * @param reason why
	 */
	void close(Channel channel, DisconnectReason reason);

	/**
	 * The packet handlers, in pipeline order after the codec: the protocol guard first,
	 * then the dispatcher to the packet families. Each must be sharable.
	 * @return the handlers
	 */
	ChannelHandler[] handlers();

}
