package dev.mqttstack.broker.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.ssl.SslContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mqttstack.broker.BrokerConfig;
import dev.mqttstack.broker.ListenerConfig;
import dev.mqttstack.broker.event.Limit;
import dev.mqttstack.broker.event.BrokerEvents;
import dev.mqttstack.broker.sys.BrokerMetrics;
import dev.mqttstack.broker.time.BrokerClock;

/**
 * Builds the pipeline of every connection a listener accepts, the one place that does:
 * byte counting, TLS, WebSocket, the inbound guard (keep-alive timer and partial
 * packets), the MQTT codec, the protocol guard, then one dispatcher to the thin handler
 * of each packet family. Connections beyond the broker's or the listener's limit are
 * closed at once.
 */
public final class MqttChannelInitializer extends ChannelInitializer<Channel> {

	private static final Logger logger = LoggerFactory.getLogger(MqttChannelInitializer.class);

	/** MQTT 3.1's limit on client identifiers; later versions have none. */
	private static final int MQTT_3_1_MAX_CLIENT_ID_LENGTH = 23;

	/** Room for the fixed header around the largest packet, in a WebSocket frame. */
	private static final int FIXED_HEADER_ROOM = 5;

	private static final String[] PACKET_HANDLERS = { HandlerNames.GUARD, HandlerNames.PACKETS };

	private final BrokerConfig config;

	private final BrokerMetrics metrics;

	private final BrokerEvents events;

	private final ProtocolLayer protocol;

	private final ChannelGroup channels;

	private final ListenerConfig listener;

	private final SslContext sslContext;

	private final TrafficCounter traffic;

	private final InboundGuard.GuardSettings guardSettings;

	public MqttChannelInitializer(BrokerConfig config, BrokerMetrics metrics, BrokerEvents events,
			ProtocolLayer protocol, ChannelGroup channels, ListenerConfig listener, InboundLimits limits,
			BrokerClock clock) {
		this.config = config;
		this.metrics = metrics;
		this.events = events;
		this.protocol = protocol;
		this.guardSettings = new InboundGuard.GuardSettings(config, metrics, events, protocol, limits, clock);
		this.channels = channels;
		this.listener = listener;
		this.sslContext = (listener.tls() != null) ? TlsContexts.forServer(listener.tls()) : null;
		this.traffic = new TrafficCounter(metrics);
	}

	@Override
	protected void initChannel(Channel channel) {
		Limit exceeded = exceededLimit();
		// the group also holds the listeners' server channels
		if (exceeded != null) {
			logger.warn("Refusing connection from {} on {}: {} reached.", channel.remoteAddress(), this.listener.name(),
					exceeded);
			this.metrics.limitReached();
			this.events.limitReached(exceeded, null, channel.remoteAddress());
			channel.close();
			return;
		}
		// uncounted when the pipeline's inbound guard is removed: no close listener per
		// channel
		this.guardSettings.listenerConnections.incrementAndGet();
		this.protocol.open(channel, this.listener);
		this.channels.add(channel);
		ChannelPipeline pipeline = channel.pipeline();
		pipeline.addLast(HandlerNames.TRAFFIC, this.traffic);
		if (this.sslContext != null) {
			pipeline.addLast(HandlerNames.TLS, this.sslContext.newHandler(channel.alloc()));
		}
		if (this.listener.websocketPath() != null) {
			int maxFrame = this.config.maxPacketSize() + FIXED_HEADER_ROOM;
			pipeline.addLast(HandlerNames.HTTP, new HttpServerCodec());
			pipeline.addLast(HandlerNames.HTTP_AGGREGATOR, new HttpObjectAggregator(65_536));
			pipeline.addLast(HandlerNames.WEBSOCKET,
					new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
						.websocketPath(this.listener.websocketPath())
						.subprotocols("mqtt,mqttv3.1")
						.maxFramePayloadLength(maxFrame)
						.build()));
			pipeline.addLast(HandlerNames.WEBSOCKET_FRAMES, WebSocketFrameCodec.INSTANCE);
		}
		pipeline.addLast(HandlerNames.INBOUND_GUARD, new InboundGuard(this.guardSettings));
		pipeline.addLast(HandlerNames.DECODER,
				new MqttDecoder(this.config.maxPacketSize(), MQTT_3_1_MAX_CLIENT_ID_LENGTH));
		pipeline.addLast(HandlerNames.ENCODER, MqttEncoder.INSTANCE);
		ChannelHandler[] handlers = this.protocol.handlers();
		for (int i = 0; i < handlers.length; i++) {
			pipeline.addLast(PACKET_HANDLERS[i], handlers[i]);
		}
	}

	private Limit exceededLimit() {
		int brokerLimit = this.config.maxConnections();
		if (brokerLimit > 0 && this.channels.size() - this.config.effectiveListeners().size() >= brokerLimit) {
			return Limit.MAX_CONNECTIONS;
		}
		if (this.listener.maxConnections() > 0
				&& this.guardSettings.listenerConnections.get() >= this.listener.maxConnections()) {
			return Limit.MAX_LISTENER_CONNECTIONS;
		}
		return null;
	}

}
