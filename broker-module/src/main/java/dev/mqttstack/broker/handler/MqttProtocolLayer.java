package dev.mqttstack.broker.handler;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;

import dev.mqttstack.broker.ListenerConfig;
import dev.mqttstack.broker.connection.MqttConnection;
import dev.mqttstack.broker.event.DisconnectReason;
import dev.mqttstack.broker.transport.InboundLimits;
import dev.mqttstack.broker.transport.ProtocolLayer;

/**
 * The MQTT protocol layer transport builds its pipelines with: the sharable packet
 * handlers of one listener (the protocol guard, then one dispatcher to the handler of
 * each packet family) and the connection state of each of its channels.
 */
public final class MqttProtocolLayer implements ProtocolLayer {

	private final ChannelHandler[] handlers;

	public MqttProtocolLayer(BrokerServices services, InboundLimits limits) {
		this.handlers = new ChannelHandler[] { new ProtocolGuardHandler(services),
				new PacketDispatcher(new ConnectHandler(services, limits), new PublishHandler(services),
						new SubscribeHandler(services), new LifecycleHandler(services)) };
	}

	@Override
	public void open(Channel channel, ListenerConfig listener) {
		MqttConnection.create(channel, listener);
	}

	@Override
	public String clientId(Channel channel) {
		MqttConnection connection = MqttConnection.of(channel);
		return connection.isConnectReceived() ? connection.clientId() : null;
	}

	@Override
	public void close(Channel channel, DisconnectReason reason) {
		MqttConnection.of(channel).close(reason);
	}

	@Override
	public ChannelHandler[] handlers() {
		return this.handlers.clone();
	}

}
