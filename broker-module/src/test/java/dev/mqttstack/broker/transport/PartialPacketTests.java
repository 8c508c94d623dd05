package dev.mqttstack.broker.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.event.BrokerEvents;
import dev.mqttstack.broker.event.Limit;
import dev.mqttstack.broker.testsupport.ManualBrokerClock;
import dev.mqttstack.broker.testsupport.RawMqttClient;
import dev.mqttstack.broker.testsupport.TestBrokers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Incomplete packets cannot pin memory: a packet that does not arrive whole within the
 * deadline closes its connection, and bytes of incomplete packets over all connections
 * are capped. Reproduced with raw sockets sending all but the last bytes of large
 * PUBLISHes, with keep-alive 0.
 */
class PartialPacketTests {

	private static final int PAYLOAD = 1024 * 1024;

	/** Bytes held back from each PUBLISH. */
	private static final int MISSING = 1000;

	private final List<Limit> limits = new CopyOnWriteArrayList<>();

	private final List<RawMqttClient> clients = new ArrayList<>();

	private MqttBroker broker;

	@AfterEach
	void stop() {
		this.clients.forEach(RawMqttClient::close);
		if (this.broker != null) {
			this.broker.stop();
		}
	}

	@Test
	void connectionsWhosePublishNeverCompletesAreClosedByTheDeadlineAndTheirMemoryIsReleased() {
		start((builder) -> builder.partialPacketTimeout(Duration.ofMillis(1500)));
		// a wave of 48 MiB: the allocator grows in chunks of 16 MiB, so one fresh chunk
		// (another event loop's arena, say) stays under half a wave, while a wave that
		// found the first one's memory pinned would need three
		int connections = 48;
		byte[] partial = partialPublish();
		long held = (long) connections * partial.length;

		long firstPeak = holdPartialPublishes("first-", connections, partial);
		assertThat(firstPeak).as("direct memory in use while the first wave is held").isGreaterThanOrEqualTo(held);
		awaitClosedByTheDeadline(connections);

		// the allocator keeps released memory for reuse: a second wave that found the
		// first wave's memory still pinned would need as much again
		long secondPeak = holdPartialPublishes("second-", connections, partial);
		assertThat(secondPeak - firstPeak).as("direct memory beyond the first wave's").isLessThan(held / 2);
		awaitClosedByTheDeadline(2 * connections);
	}

	/** Opens connections that each send all but the last bytes of a PUBLISH. */
	private long holdPartialPublishes(String prefix, int connections, byte[] partial) {
		List<RawMqttClient> wave = new ArrayList<>();
		for (int i = 0; i < connections; i++) {
			wave.add(new RawMqttClient(this.broker.port()).connect(prefix + i, true, 0, 0));
		}
		this.clients.addAll(wave);
		wave.forEach((client) -> client.sendBytes(partial));
		await("partial bytes held").atMost(Duration.ofSeconds(20))
			.until(() -> this.broker.bufferedInboundBytes() == (long) connections * partial.length);
		return usedDirectMemory();
	}

	private void awaitClosedByTheDeadline(int total) {
		await("closed by the deadline").atMost(Duration.ofSeconds(20))
			.until(() -> this.clients.stream().allMatch(RawMqttClient::isClosedByBroker));
		assertThat(this.limits).hasSize(total).containsOnly(Limit.PARTIAL_PACKET_TIMEOUT);
		assertThat(this.broker.bufferedInboundBytes()).isZero();
	}

	@Test
	void theDeadlineRunsOnTheBrokerClock() {
		ManualBrokerClock clock = new ManualBrokerClock();
		start((builder) -> builder.clock(clock));
		RawMqttClient client = new RawMqttClient(this.broker.port()).connect("stalled", true, 0, 0);
		this.clients.add(client);
		client.sendBytes(partialPublish());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.broker.bufferedInboundBytes() > 0 && clock.scheduledTasks() == 1);

		clock.advance(Duration.ofSeconds(29));
		assertThat(client.isClosedByBroker()).as("within the default 30 s").isFalse();
		clock.advance(Duration.ofSeconds(2));
		await().atMost(Duration.ofSeconds(10)).until(client::isClosedByBroker);
		assertThat(this.limits).containsExactly(Limit.PARTIAL_PACKET_TIMEOUT);
	}

	@Test
	void aSlowButSteadyPacketThatCompletesWithinTheDeadlineIsDelivered() {
		start((builder) -> builder.partialPacketTimeout(Duration.ofSeconds(5)));
		RawMqttClient subscriber = new RawMqttClient(this.broker.port()).connect("sub", true, 0, 0);
		this.clients.add(subscriber);
		subscriber.subscribe(1, "big", 0);
		assertThat(subscriber.receive().fixedHeader().messageType().name()).isEqualTo("SUBACK");
		RawMqttClient publisher = new RawMqttClient(this.broker.port()).connect("pub", true, 0, 0);
		this.clients.add(publisher);
		byte[] whole = publish();
		publisher.sendBytes(Arrays.copyOf(whole, whole.length - MISSING));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.broker.bufferedInboundBytes() > 0);
		publisher.sendBytes(Arrays.copyOfRange(whole, whole.length - MISSING, whole.length));

		assertThat(subscriber.receive().fixedHeader().messageType().name()).isEqualTo("PUBLISH");
		assertThat(publisher.isClosedByBroker()).isFalse();
		assertThat(this.broker.bufferedInboundBytes()).isZero();
		assertThat(this.limits).isEmpty();
	}

	@Test
	void theConnectionWhosePartialBytesWouldPassTheCapIsClosedAndTheOthersKeepTheirs() {
		byte[] partial = partialPublish();
		start((builder) -> builder.partialPacketTimeout(Duration.ofMinutes(1))
			.maxBufferedInboundBytes(3L * partial.length + MISSING));
		for (int i = 0; i < 3; i++) {
			RawMqttClient client = new RawMqttClient(this.broker.port()).connect("held-" + i, true, 0, 0);
			this.clients.add(client);
			client.sendBytes(partial);
			long expected = (long) (i + 1) * partial.length;
			await().atMost(Duration.ofSeconds(10)).until(() -> this.broker.bufferedInboundBytes() == expected);
		}
		RawMqttClient newest = new RawMqttClient(this.broker.port()).connect("newest", true, 0, 0);
		try {
			newest.sendBytes(partial);
		}
		catch (UncheckedIOException ex) {
			// the broker closed the connection while the bytes were still being written
		}

		await().atMost(Duration.ofSeconds(10)).until(newest::isClosedByBroker);
		assertThat(this.limits).containsExactly(Limit.MAX_BUFFERED_INBOUND_BYTES);
		assertThat(this.clients).noneMatch(RawMqttClient::isClosedByBroker);
		assertThat(this.broker.bufferedInboundBytes()).isEqualTo(3L * partial.length);
		newest.close();

		this.clients.forEach(RawMqttClient::close);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.broker.bufferedInboundBytes() == 0);
	}

	@Test
	void anMqtt5ClientIsToldWithDisconnectKeepAliveTimeout() {
		start((builder) -> builder.partialPacketTimeout(Duration.ofMillis(500)));
		RawMqttClient client = RawMqttClient.mqtt5(this.broker.port());
		this.clients.add(client);
		client.send(MqttMessageBuilders.connect()
			.clientId("slow-5")
			.cleanSession(true)
			.keepAlive(0)
			.protocolVersion(MqttVersion.MQTT_5)
			.build());
		assertThat(client.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.CONNACK);
		byte[] whole = publish(true);
		client.sendBytes(Arrays.copyOf(whole, whole.length - MISSING));

		MqttMessage disconnect = client.receive();
		assertThat(disconnect.fixedHeader().messageType()).isEqualTo(MqttMessageType.DISCONNECT);
		assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode())
			.isEqualTo((byte) 0x8D);
		await().atMost(Duration.ofSeconds(10)).until(client::isClosedByBroker);
		assertThat(this.limits).containsExactly(Limit.PARTIAL_PACKET_TIMEOUT);
	}

	@Test
	void aSlowConnectIsClosedByTheDeadlineToo() throws IOException {
		start((builder) -> builder.partialPacketTimeout(Duration.ofMillis(500)).connectTimeout(Duration.ofMinutes(1)));
		try (Socket socket = new Socket("127.0.0.1", this.broker.port())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			// the first bytes of a CONNECT announcing 100 bytes
			out.write(new byte[] { 0x10, 100, 0, 4, 'M', 'Q' });
			out.flush();
			assertThat(socket.getInputStream().read()).as("closed by the broker").isEqualTo(-1);
		}
		assertThat(this.limits).containsExactly(Limit.PARTIAL_PACKET_TIMEOUT);
	}

	private void start(java.util.function.UnaryOperator<MqttBroker.Builder> customizer) {
		this.broker = customizer.apply(TestBrokers.builder().maxPacketSize(4 * 1024 * 1024).events(new BrokerEvents() {

			@Override
			public void limitReached(Limit limit, String clientId, SocketAddress remoteAddress) {
				PartialPacketTests.this.limits.add(limit);
			}

		})).build();
		this.broker.start();
	}

	/** An MQTT 3.1.1 QoS 0 PUBLISH to {@code big} with a 1 MiB payload. */
	private static byte[] publish() {
		return publish(false);
	}

	/**
	 * A QoS 0 PUBLISH to {@code big} with a 1 MiB payload; in MQTT 5 with an empty
	 * property length.
	 */
	private static byte[] publish(boolean mqtt5) {
		byte[] topic = mqtt5 ? new byte[] { 0, 3, 'b', 'i', 'g', 0 } : new byte[] { 0, 3, 'b', 'i', 'g' };
		int remaining = topic.length + PAYLOAD;
		byte[] length = new byte[4];
		int count = 0;
		int value = remaining;
		do {
			int digit = value % 128;
			value /= 128;
			length[count++] = (byte) ((value > 0) ? digit | 0x80 : digit);
		}
		while (value > 0);
		byte[] packet = new byte[1 + count + remaining];
		packet[0] = 0x30;
		System.arraycopy(length, 0, packet, 1, count);
		System.arraycopy(topic, 0, packet, 1 + count, topic.length);
		Arrays.fill(packet, 1 + count + topic.length, packet.length, (byte) 'x');
		return packet;
	}

	private static byte[] partialPublish() {
		byte[] whole = publish();
		return Arrays.copyOf(whole, whole.length - MISSING);
	}

	private static long usedDirectMemory() {
		if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider) {
			return provider.metric().usedDirectMemory();
		}
		throw new UncheckedIOException(new IOException("no allocator metrics"));
	}

}
