package dev.mqttstack.bench.loadgen;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttVersion;

/**
 * One generated MQTT 3.1.1 connection: connects, subscribes, publishes stamped payloads
 * and completes every QoS 1 and 2 flow in both directions (PUBACK; PUBREC, PUBREL,
 * PUBCOMP). Runs entirely on its channel's event loop; writes are flushed once per read
 * batch and once per schedule tick.
 */
public final class LoadClient extends SimpleChannelInboundHandler<MqttMessage> {

	private final String clientId;

	private final Credentials credentials;

	private final LoadStats stats;

	private final CompletableFuture<LoadClient> connected = new CompletableFuture<>();

	private CompletableFuture<Void> subscribed;

	private Channel channel;

	private int nextPacketId;

	private long connectStarted;

	private boolean closing;

	LoadClient(String clientId, Credentials credentials, LoadStats stats) {
		this.clientId = clientId;
		this.credentials = credentials;
		this.stats = stats;
	}

	/** Completes with this client once the broker accepted it. */
	public CompletableFuture<LoadClient> connected() {
		return this.connected;
	}

	public String clientId() {
		return this.clientId;
	}

	public Channel channel() {
		return this.channel;
	}

	/**
	 * Subscribes to these filters in one SUBSCRIBE; completes on SUBACK. Call from any
	 * thread.
	 */
	public CompletableFuture<Void> subscribe(List<String> filters, int qos) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		this.channel.eventLoop().execute(() -> {
			this.subscribed = done;
			MqttMessageBuilders.SubscribeBuilder subscribe = MqttMessageBuilders.subscribe().messageId(packetId());
			for (String filter : filters) {
				subscribe.addSubscription(MqttQoS.valueOf(qos), filter);
			}
			MqttSubscribeMessage message = subscribe.build();
			this.channel.writeAndFlush(message);
		});
		return done;
	}

	/**
	 * Writes one stamped PUBLISH without flushing. Call on the event loop.
	 * @param topic the topic
	 * @param qos the QoS
	 * @param size payload size in bytes
	 * @param intendedNanos the schedule's send time, carried in the payload
	 */
	void publish(String topic, int qos, int size, long intendedNanos) {
		int packetId = (qos > 0) ? packetId() : 0;
		MqttFixedHeader header = new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.valueOf(qos), false, 0);
		this.channel.write(new MqttPublishMessage(header, new MqttPublishVariableHeader(topic, packetId),
				Payloads.stamped(this.channel.alloc(), size, intendedNanos)), this.channel.voidPromise());
	}

	/**
	 * Sends DISCONNECT and closes; the broker closing the connection is then expected.
	 */
	public CompletableFuture<Void> disconnect() {
		CompletableFuture<Void> closed = new CompletableFuture<>();
		this.channel.eventLoop().execute(() -> {
			this.closing = true;
			if (this.channel.isActive()) {
				this.channel.writeAndFlush(new MqttMessage(
						new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0)));
			}
			this.channel.close().addListener((future) -> closed.complete(null));
		});
		return closed;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		this.channel = ctx.channel();
		this.connectStarted = System.nanoTime();
		MqttMessageBuilders.ConnectBuilder connect = MqttMessageBuilders.connect()
			.protocolVersion(MqttVersion.MQTT_3_1_1)
			.clientId(this.clientId)
			.cleanSession(true)
			.keepAlive(0);
		if (this.credentials != null) {
			connect.hasUser(true)
				.username(this.credentials.username())
				.hasPassword(true)
				.password(this.credentials.password().getBytes(StandardCharsets.UTF_8));
		}
		MqttConnectMessage message = connect.build();
		ctx.writeAndFlush(message);
	}

	@Override
	protected void channelRead0(ChannelHandlerContext ctx, MqttMessage message) {
		switch (message.fixedHeader().messageType()) {
			case PUBLISH -> onPublish(ctx, (MqttPublishMessage) message);
			case PUBACK, PUBCOMP -> this.stats.acknowledged++;
			case PUBREC -> ctx.write(ack(MqttMessageType.PUBREL, MqttQoS.AT_LEAST_ONCE, message), ctx.voidPromise());
			case PUBREL -> ctx.write(ack(MqttMessageType.PUBCOMP, MqttQoS.AT_MOST_ONCE, message), ctx.voidPromise());
			case CONNACK -> onConnAck((MqttConnAckMessage) message);
			case SUBACK -> {
				if (this.subscribed != null) {
					this.subscribed.complete(null);
				}
			}
			default -> {
			}
		}
	}

	private void onPublish(ChannelHandlerContext ctx, MqttPublishMessage publish) {
		this.stats.received(Payloads.intendedNanos(publish.payload()), System.nanoTime());
		switch (publish.fixedHeader().qosLevel()) {
			case AT_LEAST_ONCE ->
				ctx.write(ack(MqttMessageType.PUBACK, MqttQoS.AT_MOST_ONCE, publish), ctx.voidPromise());
			case EXACTLY_ONCE ->
				ctx.write(ack(MqttMessageType.PUBREC, MqttQoS.AT_MOST_ONCE, publish), ctx.voidPromise());
			default -> {
			}
		}
	}

	private void onConnAck(MqttConnAckMessage connAck) {
		if (connAck.variableHeader().connectReturnCode() == MqttConnectReturnCode.CONNECTION_ACCEPTED) {
			this.stats.connected++;
			this.stats.connectLatency.recordValue(System.nanoTime() - this.connectStarted);
			this.connected.complete(this);
		}
		else {
			this.stats.connectFailures++;
			this.connected.completeExceptionally(new IllegalStateException(
					this.clientId + " refused: " + connAck.variableHeader().connectReturnCode()));
			this.channel.close();
		}
	}

	private static MqttMessage ack(MqttMessageType type, MqttQoS qos, MqttMessage acknowledged) {
		int packetId = (acknowledged instanceof MqttPublishMessage publish) ? publish.variableHeader().packetId()
				: ((MqttMessageIdVariableHeader) acknowledged.variableHeader()).messageId();
		return new MqttMessage(new MqttFixedHeader(type, false, qos, false, 0),
				MqttMessageIdVariableHeader.from(packetId));
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		ctx.flush();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		if (!this.connected.isDone()) {
			this.stats.connectFailures++;
			this.connected.completeExceptionally(new IllegalStateException(this.clientId + " closed before CONNACK"));
		}
		else if (!this.closing) {
			this.stats.unexpectedDisconnects++;
		}
		if (this.subscribed != null && !this.subscribed.isDone()) {
			this.subscribed.completeExceptionally(new IllegalStateException(this.clientId + " closed before SUBACK"));
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		ctx.close();
	}

	private int packetId() {
		this.nextPacketId = (this.nextPacketId % 0xFFFF) + 1;
		return this.nextPacketId;
	}

	/** A user name and password sent in CONNECT. */
	public record Credentials(String username, String password) {
	}

}
