package dev.mqttstack.broker.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bare MQTT client over a real socket, for what client libraries will not do: skip
 * acknowledgements, resend duplicates, break the protocol or send raw bytes. Packets are
 * encoded and decoded with {@code netty-codec-mqtt}; decoded PUBLISH payloads are copied,
 * so nothing it returns needs releasing.
 */
public final class RawMqttClient implements AutoCloseable {

	private final Socket socket;

	private final OutputStream out;

	private final BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();

	/**
	 * CONNECT, MQTT 5, clean start, keep-alive 60, no properties, client id "p": primes
	 * the codec's version.
	 */
	private static final byte[] MQTT_5_CONNECT = { 0x10, 14, 0, 4, 'M', 'Q', 'T', 'T', 5, 2, 0, 60, 0, 0, 1, 'p' };

	private final boolean mqtt5;

	private final EmbeddedChannel encoder;

	private volatile boolean closed;

	public RawMqttClient(int port) {
		this(port, false);
	}

	/**
	 * Opens a client that speaks MQTT 5: packets given to {@link #send} must then carry
	 * MQTT 5 headers, and received packets are decoded as MQTT 5.
	 */
	public static RawMqttClient mqtt5(int port) {
		return new RawMqttClient(port, true);
	}

	private RawMqttClient(int port, boolean mqtt5) {
		this.mqtt5 = mqtt5;
		this.encoder = mqtt5 ? primed(new EmbeddedChannel(new MqttDecoder(), MqttEncoder.INSTANCE))
				: new EmbeddedChannel(MqttEncoder.INSTANCE);
		try {
			this.socket = new Socket("127.0.0.1", port);
			this.socket.setTcpNoDelay(true);
			this.out = this.socket.getOutputStream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread reader = new Thread(this::readLoop, "raw-mqtt-reader");
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Connects with a clean or persistent session and asserts the CONNACK return code.
	 */
	public RawMqttClient connect(String clientId, boolean cleanSession, int keepAlive, int expectedReturnCode) {
		send(MqttMessageBuilders.connect()
			.clientId(clientId)
			.cleanSession(cleanSession)
			.keepAlive(keepAlive)
			.protocolVersion(MqttVersion.MQTT_3_1_1)
			.build());
		MqttMessage connAck = receive();
		assertThat(connAck.fixedHeader().messageType().name()).isEqualTo("CONNACK");
		assertThat(((io.netty.handler.codec.mqtt.MqttConnAckMessage) connAck).variableHeader()
			.connectReturnCode()
			.byteValue()).isEqualTo((byte) expectedReturnCode);
		return this;
	}

	public void send(MqttMessage message) {
		this.encoder.writeOutbound(message);
		ByteBuf encoded = this.encoder.readOutbound();
		try {
			sendBytes(ByteBufUtil.getBytes(encoded));
		}
		finally {
			encoded.release();
		}
	}

	public void sendBytes(byte[] bytes) {
		try {
			this.out.write(bytes);
			this.out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public void subscribe(int packetId, String filter, int qos) {
		send(MqttMessageBuilders.subscribe().messageId(packetId).addSubscription(MqttQoS.valueOf(qos), filter).build());
	}

	public void publish(String topic, String payload, int qos, boolean retain, int packetId) {
		send(MqttMessageBuilders.publish()
			.topicName(topic)
			.payload(Unpooled.copiedBuffer(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
			.qos(MqttQoS.valueOf(qos))
			.retained(retain)
			.messageId(packetId)
			.build());
	}

	/**
	 * Receives the next packet, failing after five seconds.
	 */
	public MqttMessage receive() {
		MqttMessage message = poll(Duration.ofSeconds(5));
		assertThat(message).as("packet received within 5 s").isNotNull();
		return message;
	}

	/**
	 * Receives the next packet within a time, or returns {@code null}.
	 */
	public MqttMessage poll(Duration timeout) {
		try {
			return this.received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public boolean isClosedByBroker() {
		return this.closed;
	}

	/** Closes the socket without DISCONNECT: an abnormal end. */
	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
		this.encoder.finishAndReleaseAll();
	}

	/** The codec learns the protocol version from the CONNECT it decodes: feed it one. */
	private static EmbeddedChannel primed(EmbeddedChannel channel) {
		channel.writeInbound(Unpooled.wrappedBuffer(MQTT_5_CONNECT));
		ReferenceCountUtil.release(channel.readInbound());
		return channel;
	}

	private void readLoop() {
		EmbeddedChannel decoder = new EmbeddedChannel(new MqttDecoder(16 * 1024 * 1024));
		if (this.mqtt5) {
			primed(decoder);
		}
		byte[] buffer = new byte[8192];
		try (InputStream in = this.socket.getInputStream()) {
			int read;
			while ((read = in.read(buffer)) >= 0) {
				decoder.writeInbound(Unpooled.copiedBuffer(buffer, 0, read));
				Object message;
				while ((message = decoder.readInbound()) != null) {
					this.received.add(detach((MqttMessage) message));
				}
			}
		}
		catch (IOException ex) {
			// the socket was closed
		}
		finally {
			this.closed = true;
			decoder.finishAndReleaseAll();
		}
	}

	private static MqttMessage detach(MqttMessage message) {
		if (message instanceof MqttPublishMessage publish) {
			MqttPublishMessage copy = new MqttPublishMessage(publish.fixedHeader(), publish.variableHeader(),
					Unpooled.wrappedBuffer(ByteBufUtil.getBytes(publish.payload())));
			ReferenceCountUtil.release(publish);
			return copy;
		}
		return message;
	}

}
