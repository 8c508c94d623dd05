package dev.mqttstack.broker;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mqttstack.broker.event.BrokerEvents;
import dev.mqttstack.broker.event.DisconnectReason;
import dev.mqttstack.broker.event.DropReason;
import dev.mqttstack.broker.event.Limit;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.testsupport.Inbox;
import dev.mqttstack.broker.testsupport.PahoClients;
import dev.mqttstack.broker.testsupport.RawMqttClient;
import dev.mqttstack.broker.testsupport.TestBrokers;
import dev.mqttstack.broker.testsupport.TestClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker's limits and backpressure: bounded queues with their overflow policies, slow
 * subscribers, subscription and topic limits and the publish rate limit. Every limit
 * reached is reported.
 */
class BrokerLimitsTests {

	private final List<DropReason> drops = new CopyOnWriteArrayList<>();

	private final List<DisconnectReason> disconnects = new CopyOnWriteArrayList<>();

	private final List<Limit> limits = new CopyOnWriteArrayList<>();

	/** Started by each test, with its own limits. */
	private MqttBroker broker;

	@RegisterExtension
	final TestClients clients = TestClients.thenStopping(() -> this.broker);

	@Test
	void aSubscriberThatStopsReadingHoldsABoundedQueueAndTheRestIsDroppedAndReported() throws Exception {
		start(TestBrokers.builder().maxQueuedMessages(100));
		try (Socket silent = silentSubscriber("silent", "flood")) {
			Inbox healthy = subscriber("healthy", "flood");
			byte[] payload = new byte[1024];
			for (int i = 0; i < 20_000; i++) {
				this.broker.publish(Message.of("flood", payload, 0, false));
			}
			assertThat(healthy.awaitCount(20_000)).hasSize(20_000);
			await().until(() -> this.drops.contains(DropReason.QUEUE_FULL));
			SessionInfo session = this.broker.session("silent").orElseThrow();
			assertThat(session.queuedMessages()).isLessThanOrEqualTo(100);
			assertThat(session.queuedBytes()).isLessThanOrEqualTo(100 * 1024);
			assertThat(this.broker.metrics().messagesDropped()).isPositive();
		}
	}

	@Test
	void dropOldestKeepsTheNewestMessages() throws MqttException {
		start(TestBrokers.builder().maxQueuedMessages(5).queueOverflowPolicy(QueueOverflowPolicy.DROP_OLDEST));
		offlineSubscriber("device", "cmd");
		publish("cmd", 10);
		assertThat(reconnect("device").awaitCount(5)).extracting(Inbox.Received::text)
			.containsExactly("m5", "m6", "m7", "m8", "m9");
		assertThat(this.drops).hasSize(5).containsOnly(DropReason.QUEUE_FULL);
	}

	@Test
	void queuedBytesAreBoundedToo() throws MqttException {
		start(TestBrokers.builder().maxQueuedBytes(1000));
		offlineSubscriber("device", "cmd");
		MqttClient publisher = client("pub");
		for (int i = 0; i < 10; i++) {
			publisher.publish("cmd", ("m" + i + "-" + "x".repeat(298)).getBytes(StandardCharsets.UTF_8), 1, false);
		}
		await().until(() -> this.drops.size() == 7);
		assertThat(this.broker.session("device").orElseThrow().queuedMessages()).isEqualTo(3);
	}

	@Test
	void disconnectPolicyEndsTheConnectionOfASubscriberThatCannotKeepUp() throws Exception {
		start(TestBrokers.builder().maxQueuedMessages(10).queueOverflowPolicy(QueueOverflowPolicy.DISCONNECT));
		try (Socket silent = silentSubscriber("laggard", "flood")) {
			byte[] payload = new byte[4096];
			for (int i = 0; i < 20_000 && !this.disconnects.contains(DisconnectReason.QUEUE_FULL); i++) {
				this.broker.publish(Message.of("flood", payload, 0, false));
			}
			await().until(() -> this.disconnects.contains(DisconnectReason.QUEUE_FULL));
			assertThat(this.broker.clients()).extracting(ClientInfo::clientId).doesNotContain("laggard");
		}
	}

	@Test
	void subscriptionsPerClientAndTopicDepthAreLimited() {
		start(TestBrokers.builder().maxSubscriptionsPerClient(2).maxTopicLevels(3));
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			raw.connect("limited", true, 60, 0);
			raw.send(MqttMessageBuilders.subscribe()
				.messageId(1)
				.addSubscription(MqttQoS.AT_LEAST_ONCE, "a/b/c")
				.addSubscription(MqttQoS.AT_LEAST_ONCE, "a/b/c/d")
				.addSubscription(MqttQoS.AT_LEAST_ONCE, "x")
				.addSubscription(MqttQoS.AT_LEAST_ONCE, "y")
				.addSubscription(MqttQoS.AT_LEAST_ONCE, "x")
				.build());
			assertThat(((MqttSubAckMessage) raw.receive()).payload().grantedQoSLevels()).containsExactly(1, 0x80, 1,
					0x80, 1);
			raw.publish("a/b/c/d", "too deep", 0, false, 0);
			await().until(raw::isClosedByBroker);
		}
		assertThat(this.limits).containsExactly(Limit.MAX_TOPIC_SIZE, Limit.MAX_SUBSCRIPTIONS, Limit.MAX_TOPIC_SIZE);
	}

	@Test
	void aPublisherIsSlowedWhileASubscriberItFeedsIsBackedUpSoThatNothingIsDropped() throws Exception {
		start(TestBrokers.builder().maxQueuedMessages(10_000).maxPublisherPause(Duration.ofMinutes(5)));
		int count = 20_000;
		try (Socket slow = silentSubscriber("slow", "flood")) {
			Inbox healthy = subscriber("healthy", "flood");
			CompletableFuture<Void> publishing = publishInBackground("firehose", "flood", count, 1024);
			await().until(() -> this.broker.metrics().publishersHeldBack() > 0);
			assertThat(this.broker.session("slow").orElseThrow().queuedMessages()).isGreaterThanOrEqualTo(5_000);
			CompletableFuture<Integer> slowReceived = CompletableFuture.supplyAsync(() -> countPublishes(slow, count));
			assertThat(slowReceived.get(60, TimeUnit.SECONDS)).isEqualTo(count);
			publishing.get(60, TimeUnit.SECONDS);
			assertThat(healthy.awaitCount(count)).hasSize(count);
		}
		assertThat(this.drops).isEmpty();
		assertThat(this.limits).isEmpty();
	}

	@Test
	void aSubscriberBackedUpLongerThanTheMaxPublisherPauseReleasesItsPublishersAndOverflows() throws Exception {
		start(TestBrokers.builder().maxQueuedMessages(2_000).maxPublisherPause(Duration.ofMillis(200)));
		int count = 20_000;
		try (Socket slow = silentSubscriber("stuck", "flood")) {
			Inbox healthy = subscriber("healthy", "flood");
			publishInBackground("firehose", "flood", count, 1024).get(60, TimeUnit.SECONDS);
			assertThat(healthy.awaitCount(count)).hasSize(count);
			await().until(() -> this.drops.contains(DropReason.QUEUE_FULL));
			assertThat(this.limits).contains(Limit.MAX_PUBLISHER_PAUSE);
			assertThat(this.broker.session("stuck").orElseThrow().queuedMessages()).isLessThanOrEqualTo(2_000);
		}
	}

	@Test
	void topicLengthIsLimited() {
		start(TestBrokers.builder().maxTopicLength(16));
		try (RawMqttClient raw = RawMqttClient.mqtt5(this.broker.port())) {
			raw.send(MqttMessageBuilders.connect()
				.clientId("verbose")
				.cleanSession(true)
				.keepAlive(60)
				.protocolVersion(MqttVersion.MQTT_5)
				.build());
			raw.receive();
			raw.send(MqttMessageBuilders.subscribe()
				.messageId(1)
				.addSubscription(MqttQoS.AT_LEAST_ONCE, "sixteen/bytes/ok")
				.addSubscription(MqttQoS.AT_LEAST_ONCE, "seventeen/bytes/x")
				.addSubscription(MqttQoS.AT_LEAST_ONCE, "é/ü/ö/ä/ß/€/1")
				.build());
			assertThat(((MqttSubAckMessage) raw.receive()).payload().reasonCodes()).containsExactly(1, 0x8F, 0x8F);
			raw.send(MqttMessageBuilders.publish()
				.topicName("seventeen/bytes/x")
				.payload(Unpooled.EMPTY_BUFFER)
				.qos(MqttQoS.AT_MOST_ONCE)
				.build());
			MqttMessage disconnect = raw.receive();
			assertThat(disconnect.fixedHeader().messageType()).isEqualTo(MqttMessageType.DISCONNECT);
			assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode())
				.isEqualTo((byte) 0x90);
			await().until(raw::isClosedByBroker);
		}
		assertThat(this.limits).containsExactly(Limit.MAX_TOPIC_SIZE, Limit.MAX_TOPIC_SIZE, Limit.MAX_TOPIC_SIZE);
	}

	@Test
	void aPublisherIsHeldBackWhileTheSubscribersEventLoopIsBehindAndLosesNothing() throws Exception {
		CountDownLatch subscribing = new CountDownLatch(1);
		CountDownLatch proceed = new CountDownLatch(1);
		// two event loops: the subscriber connects first and gets one, the publisher the
		// other
		start(TestBrokers.builder().ioThreads(2).events(new BrokerEvents() {
			@Override
			public void subscribed(ClientInfo client, String topicFilter, int grantedQos) {
				// runs on the subscriber's event loop: keep it busy while the publisher
				// floods
				subscribing.countDown();
				await().atMost(Duration.ofSeconds(30)).until(() -> proceed.await(10, TimeUnit.MILLISECONDS));
			}
		}));
		int count = 3_000;
		try (RawMqttClient subscriber = new RawMqttClient(this.broker.port())) {
			subscriber.connect("behind", true, 0, 0);
			subscriber.subscribe(1, "busy", 0);
			assertThat(subscribing.await(10, TimeUnit.SECONDS)).isTrue();
			CompletableFuture<Void> publishing = publishInBackground("flood", "busy", count, 16);
			await().until(() -> this.broker.metrics().publishersHeldBack() > 0);
			proceed.countDown();
			assertThat(subscriber.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.SUBACK);
			for (int i = 0; i < count; i++) {
				assertThat(subscriber.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBLISH);
			}
			publishing.get(30, TimeUnit.SECONDS);
		}
		assertThat(this.drops).isEmpty();
	}

	@Test
	void aSubscriberThatAcknowledgesSlowlyHoldsBackItsPublishersAndLosesNoQos1Message() throws Exception {
		start(TestBrokers.builder().maxInflight(1).maxQueuedMessages(100).maxPublisherPause(Duration.ofMinutes(5)));
		int count = 1_000;
		try (RawMqttClient subscriber = new RawMqttClient(this.broker.port())) {
			subscriber.connect("slow-acker", true, 0, 0);
			subscriber.subscribe(1, "orders", 1);
			subscriber.receive();
			CompletableFuture<Void> publishing = publishInBackground("orders-source", "orders", count, 16, 1);
			// one message in flight, none acknowledged: the queue fills while the socket
			// stays writable
			await().until(() -> this.broker.metrics().publishersHeldBack() > 0);
			for (int i = 0; i < count; i++) {
				MqttMessage publish = subscriber.receive();
				assertThat(publish.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBLISH);
				subscriber.send(MqttMessageBuilders.pubAck()
					.packetId(((io.netty.handler.codec.mqtt.MqttPublishMessage) publish).variableHeader().packetId())
					.build());
			}
			publishing.get(30, TimeUnit.SECONDS);
		}
		assertThat(this.drops).isEmpty();
	}

	@Test
	void whatASlowedPublisherSentBeforeClosingIsStillDelivered() throws MqttException {
		start(TestBrokers.builder().maxPublishRate(10));
		Inbox inbox = subscriber("reader", "burst");
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			raw.connect("publish-and-go", true, 60, 0);
			for (int i = 0; i < 40; i++) {
				raw.publish("burst", "m" + i, 0, false, 0);
			}
		}
		assertThat(inbox.awaitCount(40)).extracting(Inbox.Received::text)
			.containsExactlyElementsOf(java.util.stream.IntStream.range(0, 40).mapToObj((i) -> "m" + i).toList());
	}

	@Test
	void publishRateLimitSlowsAFastPublisherWithoutLosingMessages() throws MqttException {
		start(TestBrokers.builder().maxPublishRate(50));
		Inbox inbox = subscriber("reader", "fast");
		long started = System.nanoTime();
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			raw.connect("firehose", true, 60, 0);
			for (int i = 0; i < 100; i++) {
				raw.publish("fast", "m" + i, 0, false, 0);
			}
			assertThat(inbox.awaitCount(100)).hasSize(100);
		}
		long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
		assertThat(elapsedMillis).as("100 messages at 50/s after a burst of 50 take at least a second")
			.isGreaterThanOrEqualTo(900);
	}

	private void start(MqttBroker.Builder builder) {
		this.broker = builder.events(new BrokerEvents() {
			@Override
			public void messageDropped(String clientId, Message message, DropReason reason) {
				BrokerLimitsTests.this.drops.add(reason);
			}

			@Override
			public void clientDisconnected(ClientInfo client, DisconnectReason reason) {
				BrokerLimitsTests.this.disconnects.add(reason);
			}

			@Override
			public void limitReached(Limit limit, String clientId, java.net.SocketAddress remoteAddress) {
				BrokerLimitsTests.this.limits.add(limit);
			}
		}).build();
		this.broker.start();
	}

	/**
	 * Connects over a socket with a tiny receive buffer, subscribes, and never reads
	 * again.
	 */
	private Socket silentSubscriber(String clientId, String filter) throws IOException {
		Socket socket = new Socket();
		socket.setReceiveBufferSize(1024);
		socket.connect(new java.net.InetSocketAddress("127.0.0.1", this.broker.port()));
		OutputStream out = socket.getOutputStream();
		out.write(connectPacket(clientId));
		out.write(encode(
				MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.AT_MOST_ONCE, filter).build()));
		out.flush();
		await().until(() -> this.broker.session(clientId).map((s) -> s.subscriptions().contains(filter)).orElse(false));
		return socket;
	}

	/**
	 * Connects over a plain socket and publishes QoS 0 messages as fast as the socket
	 * takes them, from another thread.
	 */
	private CompletableFuture<Void> publishInBackground(String clientId, String topic, int count, int size)
			throws IOException {
		return publishInBackground(clientId, topic, count, size, 0);
	}

	private CompletableFuture<Void> publishInBackground(String clientId, String topic, int count, int size, int qos)
			throws IOException {
		Socket socket = new Socket("127.0.0.1", this.broker.port());
		OutputStream out = socket.getOutputStream();
		out.write(connectPacket(clientId));
		byte[] publish = encode(MqttMessageBuilders.publish()
			.topicName(topic)
			.payload(Unpooled.wrappedBuffer(new byte[size]))
			.qos(MqttQoS.valueOf(qos))
			.messageId(1)
			.build());
		return CompletableFuture.runAsync(() -> {
			try (socket) {
				for (int i = 0; i < count; i++) {
					out.write(publish);
				}
				out.flush();
				await().until(() -> this.broker.metrics().messagesReceived() >= count);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	/**
	 * Reads a subscriber's socket until it has received a number of PUBLISH packets, and
	 * counts them.
	 */
	private static int countPublishes(Socket socket, int expected) {
		try {
			socket.setSoTimeout(30_000);
			InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
			int publishes = 0;
			while (publishes < expected) {
				int header = in.read();
				if (header < 0) {
					break;
				}
				int length = 0;
				int shift = 0;
				int next;
				do {
					next = in.read();
					length |= (next & 0x7F) << shift;
					shift += 7;
				}
				while ((next & 0x80) != 0);
				in.skipNBytes(length);
				if ((header >> 4) == 3) {
					publishes++;
				}
			}
			return publishes;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** CONNECT, MQTT 3.1.1, clean session, no keep-alive. */
	private static byte[] connectPacket(String clientId) {
		return encode(MqttMessageBuilders.connect()
			.clientId(clientId)
			.cleanSession(true)
			.keepAlive(0)
			.protocolVersion(MqttVersion.MQTT_3_1_1)
			.build());
	}

	private static byte[] encode(MqttMessage message) {
		EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
		encoder.writeOutbound(message);
		ByteBuf encoded = encoder.readOutbound();
		try {
			return ByteBufUtil.getBytes(encoded);
		}
		finally {
			encoded.release();
			encoder.finishAndReleaseAll();
		}
	}

	private Inbox subscriber(String clientId, String filter) throws MqttException {
		Inbox inbox = new Inbox();
		client(clientId).subscribe(filter, 1, inbox);
		return inbox;
	}

	private void offlineSubscriber(String clientId, String filter) throws MqttException {
		MqttClient client = PahoClients.connect(this.broker, clientId, false);
		client.subscribe(filter, 1);
		client.disconnect();
		client.close();
	}

	private Inbox reconnect(String clientId) throws MqttException {
		Inbox inbox = new Inbox();
		MqttClient client = PahoClients.create(this.broker, clientId);
		this.clients.add(client);
		client.setCallback(inbox);
		client.connect(PahoClients.options((options) -> options.setCleanSession(false)));
		return inbox;
	}

	private void publish(String topic, int count) throws MqttException {
		MqttClient publisher = client("pub");
		for (int i = 0; i < count; i++) {
			publisher.publish(topic, ("m" + i).getBytes(StandardCharsets.UTF_8), 1, false);
		}
	}

	private MqttClient client(String clientId) {
		return this.clients.paho(this.broker, clientId);
	}

}
