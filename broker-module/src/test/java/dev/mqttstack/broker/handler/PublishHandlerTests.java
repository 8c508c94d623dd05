package dev.mqttstack.broker.handler;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.event.BrokerEvents;
import dev.mqttstack.broker.event.DropReason;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.security.Authorizer;
import dev.mqttstack.broker.testsupport.Inbox;
import dev.mqttstack.broker.testsupport.PahoClients;
import dev.mqttstack.broker.testsupport.RawMqttClient;
import dev.mqttstack.broker.testsupport.TestBrokers;
import dev.mqttstack.broker.testsupport.TestClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PublishHandlerTests {

	/** Started by each test, with its own settings; stopped after its clients. */
	private MqttBroker broker;

	@RegisterExtension
	final TestClients clients = TestClients.thenStopping(() -> this.broker);

	private MqttClient publisher;

	private MqttClient subscriber;

	@AfterEach
	void closeClients() {
		PahoClients.closeQuietly(this.publisher, this.subscriber);
	}

	@ParameterizedTest(name = "published at QoS {0}, subscribed at QoS {1}")
	@CsvSource({ "0,0", "0,1", "0,2", "1,0", "1,1", "1,2", "2,0", "2,1", "2,2" })
	void deliveryQosIsTheLowerOfPublishAndSubscription(int publishQos, int subscriptionQos) throws MqttException {
		this.broker = TestBrokers.started();
		this.subscriber = PahoClients.connect(this.broker, "sub");
		Inbox inbox = new Inbox();
		this.subscriber.subscribe("qos/test", subscriptionQos, inbox);
		this.publisher = PahoClients.connect(this.broker, "pub");
		for (int i = 0; i < 20; i++) {
			this.publisher.publish("qos/test", ("m" + i).getBytes(StandardCharsets.UTF_8), publishQos, false);
		}
		List<Inbox.Received> received = inbox.awaitCount(20);
		assertThat(received).extracting(Inbox.Received::text)
			.containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11", "m12", "m13",
					"m14", "m15", "m16", "m17", "m18", "m19");
		assertThat(received).allSatisfy((message) -> {
			assertThat(message.qos()).isEqualTo(Math.min(publishQos, subscriptionQos));
			assertThat(message.retained()).isFalse();
		});
	}

	@Test
	void inflightWindowHoldsBackMessagesUntilAcknowledged() throws MqttException {
		this.broker = TestBrokers.builder().maxInflight(2).build();
		this.broker.start();
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			raw.connect("slow", true, 60, 0);
			raw.subscribe(1, "w/#", 1);
			assertThat(raw.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.SUBACK);
			this.publisher = PahoClients.connect(this.broker, "pub");
			for (int i = 0; i < 5; i++) {
				this.publisher.publish("w/t", ("m" + i).getBytes(StandardCharsets.UTF_8), 1, false);
			}
			MqttPublishMessage first = (MqttPublishMessage) raw.receive();
			MqttPublishMessage second = (MqttPublishMessage) raw.receive();
			assertThat(text(first)).isEqualTo("m0");
			assertThat(text(second)).isEqualTo("m1");
			assertThat(raw.poll(Duration.ofMillis(300))).as("third message held back by the window").isNull();
			raw.send(ack(MqttMessageType.PUBACK, first.variableHeader().packetId()));
			assertThat(text((MqttPublishMessage) raw.receive())).isEqualTo("m2");
		}
	}

	@Test
	void unacknowledgedMessagesAreResentWithDupOnReconnectOfAPersistentSession() throws MqttException {
		this.broker = TestBrokers.started();
		int packetId;
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			raw.connect("durable", false, 60, 0);
			raw.subscribe(1, "d/t", 2);
			raw.receive();
			this.publisher = PahoClients.connect(this.broker, "pub");
			this.publisher.publish("d/t", "one".getBytes(StandardCharsets.UTF_8), 1, false);
			this.publisher.publish("d/t", "two".getBytes(StandardCharsets.UTF_8), 2, false);
			MqttPublishMessage one = (MqttPublishMessage) raw.receive();
			MqttPublishMessage two = (MqttPublishMessage) raw.receive();
			assertThat(one.fixedHeader().isDup()).isFalse();
			packetId = one.variableHeader().packetId();
			raw.send(ack(MqttMessageType.PUBREC, two.variableHeader().packetId()));
			assertThat(raw.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBREL);
		}
		await().until(() -> this.broker.clients().stream().noneMatch((c) -> c.clientId().equals("durable")));
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			raw.send(io.netty.handler.codec.mqtt.MqttMessageBuilders.connect()
				.clientId("durable")
				.cleanSession(false)
				.keepAlive(60)
				.protocolVersion(io.netty.handler.codec.mqtt.MqttVersion.MQTT_3_1_1)
				.build());
			MqttConnAckMessage connAck = (MqttConnAckMessage) raw.receive();
			assertThat(connAck.variableHeader().isSessionPresent()).isTrue();
			MqttPublishMessage resent = (MqttPublishMessage) raw.receive();
			assertThat(resent.fixedHeader().isDup()).isTrue();
			assertThat(resent.variableHeader().packetId()).isEqualTo(packetId);
			assertThat(text(resent)).isEqualTo("one");
			MqttMessage release = raw.receive();
			assertThat(release.fixedHeader().messageType()).as("PUBREL re-sent for the released QoS 2 message")
				.isEqualTo(MqttMessageType.PUBREL);
		}
	}

	@Test
	void qos2PublishIsRoutedExactlyOnceEvenWhenResentBeforePubrel() throws MqttException {
		this.broker = TestBrokers.started();
		this.subscriber = PahoClients.connect(this.broker, "sub");
		Inbox inbox = new Inbox();
		this.subscriber.subscribe("once", 2, inbox);
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			raw.connect("qos2-pub", true, 60, 0);
			raw.publish("once", "first", 2, false, 5);
			assertThat(raw.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBREC);
			raw.send(new MqttPublishMessage(
					new MqttFixedHeader(MqttMessageType.PUBLISH, true, MqttQoS.EXACTLY_ONCE, false, 0),
					new io.netty.handler.codec.mqtt.MqttPublishVariableHeader("once", 5),
					io.netty.buffer.Unpooled.copiedBuffer("first", StandardCharsets.UTF_8)));
			assertThat(raw.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBREC);
			raw.send(ack(MqttMessageType.PUBREL, 5));
			assertThat(raw.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBCOMP);
			raw.publish("once", "second", 2, false, 5);
			assertThat(raw.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBREC);
			raw.send(ack(MqttMessageType.PUBREL, 5));
			assertThat(raw.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBCOMP);
		}
		assertThat(inbox.awaitCount(2)).extracting(Inbox.Received::text).containsExactly("first", "second");
		assertThat(inbox.messages()).hasSize(2);
	}

	@Test
	void invalidTopicNameInPublishClosesOnlyThatConnection() throws MqttException {
		this.broker = TestBrokers.started();
		this.subscriber = PahoClients.connect(this.broker, "bystander");
		for (String topic : List.of("a/+", "a/#", "a\u0000b", "")) {
			try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
				raw.connect("bad-topic", true, 60, 0);
				raw.publish(topic, "x", 0, false, 0);
				await(topic).until(raw::isClosedByBroker);
			}
		}
		assertThat(this.subscriber.isConnected()).isTrue();
	}

	@Test
	void malformedUtf8InATopicNameClosesTheConnection() throws MqttException {
		this.broker = TestBrokers.started();
		this.subscriber = PahoClients.connect(this.broker, "bystander");
		Inbox inbox = new Inbox();
		this.subscriber.subscribe("#", 0, inbox);
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			raw.connect("bad-utf8", true, 60, 0);
			// PUBLISH QoS 0, topic bytes C3 28 (a lead byte followed by no continuation
			// byte), payload "x"
			raw.sendBytes(new byte[] { 0x30, 5, 0, 2, (byte) 0xC3, 0x28, 'x' });
			await().until(raw::isClosedByBroker);
		}
		this.subscriber.publish("marker", "marker".getBytes(StandardCharsets.UTF_8), 0, false);
		assertThat(inbox.awaitCount(1)).extracting(Inbox.Received::text).containsExactly("marker");
	}

	@Test
	void authorizerDecidesPublishAndReceive() throws MqttException {
		List<DropReason> drops = new CopyOnWriteArrayList<>();
		this.broker = TestBrokers.builder().authorizer(new Authorizer() {
			@Override
			public boolean canPublish(ClientInfo client, String topic, int qos, boolean retain) {
				return !topic.startsWith("readonly/");
			}

			@Override
			public boolean canReceive(ClientInfo client, String topic) {
				return !(client.clientId().equals("sub") && topic.startsWith("hidden/"));
			}
		}).events(new BrokerEvents() {
			@Override
			public void messageDropped(String clientId, Message message, DropReason reason) {
				drops.add(reason);
			}
		}).build();
		this.broker.start();
		this.subscriber = PahoClients.connect(this.broker, "sub");
		Inbox inbox = new Inbox();
		this.subscriber.subscribe("#", 1, inbox);
		this.publisher = PahoClients.connect(this.broker, "pub");
		this.publisher.publish("readonly/x", "denied".getBytes(StandardCharsets.UTF_8), 1, false);
		this.publisher.publish("hidden/x", "not for sub".getBytes(StandardCharsets.UTF_8), 1, false);
		this.publisher.publish("open/x", "allowed".getBytes(StandardCharsets.UTF_8), 1, false);
		assertThat(inbox.awaitCount(1)).extracting(Inbox.Received::text).containsExactly("allowed");
		assertThat(drops).containsExactlyInAnyOrder(DropReason.PUBLISH_NOT_AUTHORIZED,
				DropReason.RECEIVE_NOT_AUTHORIZED);
		assertThat(this.publisher.isConnected()).as("a denied QoS 1 publish is acknowledged, as mosquitto does")
			.isTrue();
	}

	@Test
	void embeddingApplicationCanPublish() throws MqttException {
		this.broker = TestBrokers.started();
		this.subscriber = PahoClients.connect(this.broker, "sub");
		Inbox inbox = new Inbox();
		this.subscriber.subscribe("app/#", 1, inbox);
		this.broker.publish(Message.of("app/hello", "from the app", 1, false));
		assertThat(inbox.awaitCount(1)).singleElement().satisfies((message) -> {
			assertThat(message.text()).isEqualTo("from the app");
			assertThat(message.qos()).isEqualTo(1);
		});
	}

	static String text(MqttPublishMessage publish) {
		return publish.payload().toString(StandardCharsets.UTF_8);
	}

	static MqttMessage ack(MqttMessageType type, int packetId) {
		MqttQoS qos = (type == MqttMessageType.PUBREL) ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
		return new MqttMessage(new MqttFixedHeader(type, false, qos, false, 0),
				MqttMessageIdVariableHeader.from(packetId));
	}

}
