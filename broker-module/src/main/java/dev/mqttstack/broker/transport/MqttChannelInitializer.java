package dev.mqttstack.broker.transport;

import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.timeout.IdleStateHandler;

import dev.mqttstack.broker.handler.BrokerServices;
import dev.mqttstack.broker.handler.ConnectHandler;
import dev.mqttstack.broker.handler.LifecycleHandler;
import dev.mqttstack.broker.handler.ProtocolGuardHandler;
import dev.mqttstack.broker.handler.PublishHandler;
import dev.mqttstack.broker.handler.SubscribeHandler;
import dev.mqttstack.broker.session.MqttConnection;

/**
 * Builds the pipeline of every accepted connection, the one place that does: byte
 * counting, the MQTT codec, the keep-alive timer, then one thin handler per packet
 * family.
 */
public final class MqttChannelInitializer extends ChannelInitializer<Channel> {

	/** MQTT 3.1's limit on client identifiers; later versions have none. */
	private static final int MQTT_3_1_MAX_CLIENT_ID_LENGTH = 23;

	private final BrokerServices services;

	private final ChannelGroup channels;

	private final TrafficCounter traffic;

	private final ProtocolGuardHandler guard;

	private final ConnectHandler connect;

	private final PublishHandler publish;

	private final SubscribeHandler subscribe;

	private final LifecycleHandler lifecycle;

	public MqttChannelInitializer(BrokerServices services, ChannelGroup channels) {
		this.services = services;
		this.channels = channels;
		this.traffic = new TrafficCounter(services.metrics());
		this.guard = new ProtocolGuardHandler(services);
		this.connect = new ConnectHandler(services);
		this.publish = new PublishHandler(services);
		this.subscribe = new SubscribeHandler(services);
		this.lifecycle = new LifecycleHandler(services);
	}

	@Override
	protected void initChannel(Channel channel) {
		MqttConnection.create(channel);
		this.channels.add(channel);
		ChannelPipeline pipeline = channel.pipeline();
		pipeline.addLast(HandlerNames.TRAFFIC, this.traffic);
		pipeline.addLast(HandlerNames.DECODER,
				new MqttDecoder(this.services.config().maxPacketSize(), MQTT_3_1_MAX_CLIENT_ID_LENGTH));
		pipeline.addLast(HandlerNames.ENCODER, MqttEncoder.INSTANCE);
		pipeline.addLast(HandlerNames.KEEP_ALIVE,
				new IdleStateHandler(this.services.config().connectTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
		pipeline.addLast(HandlerNames.GUARD, this.guard);
		pipeline.addLast(HandlerNames.CONNECT, this.connect);
		pipeline.addLast(HandlerNames.PUBLISH, this.publish);
		pipeline.addLast(HandlerNames.SUBSCRIBE, this.subscribe);
		pipeline.addLast(HandlerNames.LIFECYCLE, this.lifecycle);
	}

}
