package dev.mqttstack.broker.handler;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient.Mqtt5Publishes;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5UnsubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5RetainHandling;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.unsubscribe.unsuback.Mqtt5UnsubAckReasonCode;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.event.BrokerEvents;
import dev.mqttstack.broker.event.DropReason;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.security.Authorizer;
import dev.mqttstack.broker.testsupport.BrokerExtension;
import dev.mqttstack.broker.testsupport.RawMqttClient;
import dev.mqttstack.broker.testsupport.TestBrokers;
import dev.mqttstack.broker.testsupport.TestClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MQTT 5 publish and subscribe behaviour, with the HiveMQ MQTT client in MQTT 5 mode and
 * a raw MQTT 5 client for what a client library does not let a test control.
 */
class Mqtt5PublishHandlerTests {

	private final List<DropReason> drops = new CopyOnWriteArrayList<>();

	@RegisterExtension
	final BrokerExtension brokerExtension = BrokerExtension
		.withConfig((builder) -> builder.receiveMaximum(2).authorizer(new Authorizer() {
			@Override
			public boolean canPublish(ClientInfo client, String topic, int qos, boolean retain) {
				return !topic.startsWith("secret/");
			}

			@Override
			public boolean canSubscribe(ClientInfo client, String topicFilter, int qos) {
				return !topicFilter.startsWith("secret/");
			}
		}).events(new BrokerEvents() {
			@Override
			public void messageDropped(String clientId, Message message, DropReason reason) {
				Mqtt5PublishHandlerTests.this.drops.add(reason);
			}
		}));

	private final TestClients clients = this.brokerExtension.clients();

	private MqttBroker broker;

	@BeforeEach
	void start() {
		this.broker = this.brokerExtension.broker();
	}

	/** Stops the broker a test put in place of the extension's, if any. */
	@AfterEach
	void stopReplacedBroker() {
		this.broker.stop();
	}

	@Test
	void messagePropertiesAreForwardedUnchanged() {
		Mqtt5Publishes received = subscribed("reader", "props/#");
		connected("writer").publishWith()
			.topic("props/1")
			.qos(MqttQos.AT_LEAST_ONCE)
			.payload("{\"t\":21.5}".getBytes(StandardCharsets.UTF_8))
			.payloadFormatIndicator(Mqtt5PayloadFormatIndicator.UTF_8)
			.contentType("application/json")
			.responseTopic("replies/writer")
			.correlationData("req-7".getBytes(StandardCharsets.UTF_8))
			.messageExpiryInterval(120)
			.userProperties()
			.add("unit", "celsius")
			.add("unit", "again")
			.applyUserProperties()
			.send();
		Mqtt5Publish message = receive(received).orElseThrow();
		assertThat(message.getPayloadFormatIndicator()).contains(Mqtt5PayloadFormatIndicator.UTF_8);
		assertThat(message.getContentType())
			.hasValueSatisfying((type) -> assertThat(type).hasToString("application/json"));
		assertThat(message.getResponseTopic())
			.hasValueSatisfying((topic) -> assertThat(topic).hasToString("replies/writer"));
		assertThat(message.getCorrelationData()).hasValueSatisfying(
				(data) -> assertThat(StandardCharsets.UTF_8.decode(data).toString()).isEqualTo("req-7"));
		assertThat(message.getMessageExpiryInterval().orElseThrow()).isBetween(119L, 120L);
		assertThat(message.getUserProperties().asList()).extracting((p) -> p.getName() + "=" + p.getValue())
			.containsExactly("unit=celsius", "unit=again");
	}

	@Test
	void pubackTellsWhenNobodySubscribedOrThePublisherIsNotAuthorized() {
		Mqtt5BlockingClient writer = connected("writer");
		assertThat(puback(writer, "nobody/listens")).isEqualTo(Mqtt5PubAckReasonCode.NO_MATCHING_SUBSCRIBERS);
		assertThat(puback(writer, "secret/x")).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
		subscribed("reader", "open/#");
		assertThat(puback(writer, "open/x")).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
	}

	@Test
	void subackAndUnsubackCarryMqtt5ReasonCodes() {
		Mqtt5BlockingClient client = connected("subscriber");
		List<Mqtt5SubAckReasonCode> codes;
		try {
			codes = client.subscribeWith()
				.addSubscription()
				.topicFilter("fine/+")
				.qos(MqttQos.EXACTLY_ONCE)
				.applySubscription()
				.addSubscription()
				.topicFilter("secret/x")
				.applySubscription()
				.addSubscription()
				.topicFilter("$share/group/x")
				.qos(MqttQos.AT_LEAST_ONCE)
				.applySubscription()
				.send()
				.getReasonCodes();
		}
		catch (Mqtt5SubAckException ex) {
			codes = ex.getMqttMessage().getReasonCodes();
		}
		assertThat(codes).containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_2, Mqtt5SubAckReasonCode.NOT_AUTHORIZED,
				Mqtt5SubAckReasonCode.GRANTED_QOS_1);
		List<Mqtt5UnsubAckReasonCode> unsubscribed;
		try {
			unsubscribed = client.unsubscribeWith()
				.topicFilter("fine/+")
				.addTopicFilter("never/subscribed")
				.send()
				.getReasonCodes();
		}
		catch (Mqtt5UnsubAckException ex) {
			unsubscribed = ex.getMqttMessage().getReasonCodes();
		}
		assertThat(unsubscribed).containsExactly(Mqtt5UnsubAckReasonCode.SUCCESS,
				Mqtt5UnsubAckReasonCode.NO_SUBSCRIPTIONS_EXISTED);
	}

	@Test
	void noLocalSubscriptionsDoNotReceiveTheirOwnMessages() {
		Mqtt5BlockingClient chatty = connected("chatty");
		try (Mqtt5Publishes own = chatty.publishes(MqttGlobalPublishFilter.ALL)) {
			chatty.subscribeWith().topicFilter("chat").qos(MqttQos.AT_LEAST_ONCE).noLocal(true).send();
			chatty.publishWith().topic("chat").qos(MqttQos.AT_LEAST_ONCE).payload(bytes("mine")).send();
			connected("other").publishWith().topic("chat").qos(MqttQos.AT_LEAST_ONCE).payload(bytes("theirs")).send();
			assertThat(receive(own)).hasValueSatisfying((message) -> assertThat(text(message)).isEqualTo("theirs"));
			assertThat(receive(own, Duration.ofMillis(300))).isEmpty();
		}
	}

	@Test
	void retainAsPublishedAndRetainHandlingAreHonoured() {
		Mqtt5BlockingClient writer = connected("writer");
		writer.publishWith().topic("state/a").qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(bytes("old")).send();
		Mqtt5BlockingClient reader = connected("reader");
		try (Mqtt5Publishes received = reader.publishes(MqttGlobalPublishFilter.ALL)) {
			reader.subscribeWith()
				.topicFilter("state/#")
				.qos(MqttQos.AT_LEAST_ONCE)
				.retainAsPublished(true)
				.retainHandling(Mqtt5RetainHandling.DO_NOT_SEND)
				.send();
			writer.publishWith().topic("state/a").qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(bytes("new")).send();
			assertThat(receive(received)).as("live message, retain flag as published").hasValueSatisfying((message) -> {
				assertThat(text(message)).isEqualTo("new");
				assertThat(message.isRetain()).isTrue();
			});
			reader.subscribeWith()
				.topicFilter("state/#")
				.qos(MqttQos.AT_LEAST_ONCE)
				.retainHandling(Mqtt5RetainHandling.SEND_IF_SUBSCRIPTION_DOES_NOT_EXIST)
				.send();
			assertThat(receive(received, Duration.ofMillis(300))).as("subscription already existed").isEmpty();
		}
	}

	@Test
	void subscriptionIdentifiersComeBackWithMatchingMessages() {
		try (RawMqttClient raw = connectedRaw("ids", new MqttProperties())) {
			MqttProperties properties = new MqttProperties();
			properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value(), 42));
			raw.send(MqttMessageBuilders.subscribe()
				.messageId(1)
				.addSubscription(MqttQoS.AT_MOST_ONCE, "ids/#")
				.properties(properties)
				.build());
			assertThat(raw.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.SUBACK);
			connected("writer").publishWith().topic("ids/1").payload(bytes("x")).send();
			MqttPublishMessage publish = (MqttPublishMessage) raw.receive();
			assertThat(publish.variableHeader()
				.properties()
				.getProperties(MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value())).extracting((p) -> p.value())
				.containsExactly(42);
		}
	}

	@Test
	void topicAliasesSetByTheClientAreResolvedAndInvalidOnesEndTheConnection() {
		Mqtt5Publishes received = subscribed("reader", "aliased/#");
		try (RawMqttClient raw = connectedRaw("aliaser", new MqttProperties())) {
			raw.send(publishWithAlias("aliased/long/topic/name", 1, "first"));
			raw.send(publishWithAlias("", 1, "second"));
			assertThat(receive(received)).hasValueSatisfying((m) -> assertThat(text(m)).isEqualTo("first"));
			assertThat(receive(received)).hasValueSatisfying((m) -> {
				assertThat(text(m)).isEqualTo("second");
				assertThat(m.getTopic()).hasToString("aliased/long/topic/name");
			});
			raw.send(publishWithAlias("aliased/x", 11, "beyond the maximum"));
			assertDisconnectedWith(raw, 0x94);
		}
	}

	@Test
	void outboundTopicAliasesAreSetOnceAndUsedUpToTheClientsMaximum() {
		MqttProperties properties = new MqttProperties();
		properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.TOPIC_ALIAS_MAXIMUM.value(), 2));
		try (RawMqttClient raw = connectedRaw("short-topics", properties)) {
			raw.subscribe(1, "fleet/#", 1);
			raw.receive();
			Mqtt5BlockingClient writer = connected("writer");
			List<String> topics = List.of("fleet/a", "fleet/a", "fleet/b", "fleet/c", "fleet/b", "fleet/a");
			for (String topic : topics) {
				writer.publishWith().topic(topic).qos(MqttQos.AT_MOST_ONCE).payload(bytes(topic)).send();
			}
			List<String> received = new java.util.ArrayList<>();
			for (int i = 0; i < topics.size(); i++) {
				MqttPublishMessage publish = (MqttPublishMessage) raw.receive();
				MqttProperties.MqttProperty<?> alias = publish.variableHeader()
					.properties()
					.getProperty(MqttPropertyType.TOPIC_ALIAS.value());
				received.add("'" + publish.variableHeader().topicName() + "'"
						+ ((alias != null) ? " alias " + alias.value() : "") + " = "
						+ PublishHandlerTests.text(publish));
			}
			assertThat(received).containsExactly("'fleet/a' alias 1 = fleet/a", "'' alias 1 = fleet/a",
					"'fleet/b' alias 2 = fleet/b", "'fleet/c' = fleet/c", "'' alias 2 = fleet/b",
					"'' alias 1 = fleet/a");
		}
	}

	@Test
	void outboundTopicAliasesCanBeTurnedOff() {
		this.broker.stop();
		this.broker = TestBrokers.builder().outboundTopicAliases(false).build();
		this.broker.start();
		MqttProperties properties = new MqttProperties();
		properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.TOPIC_ALIAS_MAXIMUM.value(), 2));
		try (RawMqttClient raw = connectedRaw("full-topics", properties)) {
			raw.subscribe(1, "fleet/#", 1);
			raw.receive();
			for (int i = 0; i < 2; i++) {
				this.broker.publish(Message.of("fleet/a", bytes("m" + i), 0, false));
				MqttPublishMessage publish = (MqttPublishMessage) raw.receive();
				assertThat(publish.variableHeader().topicName()).isEqualTo("fleet/a");
				assertThat(publish.variableHeader().properties().getProperty(MqttPropertyType.TOPIC_ALIAS.value()))
					.isNull();
			}
		}
	}

	@Test
	void aClientLibraryResolvesTheOutboundAliasesItAllowed() {
		Mqtt5BlockingClient reader = MqttClient.builder()
			.useMqttVersion5()
			.identifier("alias-reader")
			.serverHost("127.0.0.1")
			.serverPort(this.broker.port())
			.buildBlocking();
		this.clients.add(reader);
		reader.connectWith().restrictions().topicAliasMaximum(3).applyRestrictions().send();
		Mqtt5Publishes received = reader.publishes(MqttGlobalPublishFilter.ALL);
		reader.subscribeWith().topicFilter("fleet/#").qos(MqttQos.AT_LEAST_ONCE).send();
		Mqtt5BlockingClient writer = connected("writer");
		List<String> sent = new java.util.ArrayList<>();
		for (int round = 0; round < 3; round++) {
			for (int device = 0; device < 5; device++) {
				String topic = "fleet/device-" + device + "/temperature";
				writer.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes(topic)).send();
				sent.add(topic);
			}
		}
		for (String topic : sent) {
			assertThat(receive(received)).hasValueSatisfying((message) -> {
				assertThat(message.getTopic()).hasToString(topic);
				assertThat(text(message)).isEqualTo(topic);
			});
		}
	}

	@Test
	void exceedingTheReceiveMaximumEndsTheConnectionWith0x93() {
		try (RawMqttClient raw = connectedRaw("flooder", new MqttProperties())) {
			for (int packetId = 1; packetId <= 3; packetId++) {
				raw.publish("flood", "x", 2, false, packetId);
			}
			for (int i = 0; i < 2; i++) {
				assertThat(raw.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBREC);
			}
			assertDisconnectedWith(raw, 0x93);
		}
	}

	@Test
	void theClientsReceiveMaximumLimitsInflightMessages() {
		MqttProperties properties = new MqttProperties();
		properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.RECEIVE_MAXIMUM.value(), 1));
		try (RawMqttClient raw = connectedRaw("narrow", properties)) {
			raw.subscribe(1, "narrow", 1);
			raw.receive();
			Mqtt5BlockingClient writer = connected("writer");
			for (int i = 0; i < 3; i++) {
				writer.publishWith().topic("narrow").qos(MqttQos.AT_LEAST_ONCE).payload(bytes("m" + i)).send();
			}
			MqttPublishMessage first = (MqttPublishMessage) raw.receive();
			assertThat(raw.poll(Duration.ofMillis(300))).as("window of one").isNull();
			raw.send(PublishHandlerTests.ack(MqttMessageType.PUBACK, first.variableHeader().packetId()));
			assertThat(PublishHandlerTests.text((MqttPublishMessage) raw.receive())).isEqualTo("m1");
		}
	}

	@Test
	void messagesLargerThanTheClientsMaximumPacketSizeAreDroppedAndReported() {
		MqttProperties properties = new MqttProperties();
		properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.MAXIMUM_PACKET_SIZE.value(), 64));
		try (RawMqttClient raw = connectedRaw("tiny", properties)) {
			raw.subscribe(1, "sized", 0);
			raw.receive();
			Mqtt5BlockingClient writer = connected("writer");
			writer.publishWith().topic("sized").payload(bytes("x".repeat(100))).send();
			writer.publishWith().topic("sized").payload(bytes("small")).send();
			assertThat(PublishHandlerTests.text((MqttPublishMessage) raw.receive())).isEqualTo("small");
			await().until(() -> this.drops.contains(DropReason.PACKET_TOO_LARGE));
		}
	}

	@Test
	void payloadClaimingUtf8ThatIsNotIsRefusedWith0x99() {
		try (RawMqttClient raw = connectedRaw("liar", new MqttProperties())) {
			MqttProperties properties = new MqttProperties();
			properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.PAYLOAD_FORMAT_INDICATOR.value(), 1));
			raw.send(new MqttPublishMessage(
					new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.AT_LEAST_ONCE, false, 0),
					new MqttPublishVariableHeader("text", 3, properties),
					Unpooled.wrappedBuffer(new byte[] { (byte) 0xC3, 0x28 })));
			MqttMessage puback = raw.receive();
			assertThat(((MqttPubReplyMessageVariableHeader) puback.variableHeader()).reasonCode())
				.isEqualTo((byte) 0x99);
			assertThat(this.drops).contains(DropReason.PAYLOAD_FORMAT_INVALID);
		}
	}

	private RawMqttClient connectedRaw(String clientId, MqttProperties properties) {
		RawMqttClient raw = RawMqttClient.mqtt5(this.broker.port());
		raw.send(MqttMessageBuilders.connect()
			.clientId(clientId)
			.cleanSession(true)
			.keepAlive(60)
			.protocolVersion(MqttVersion.MQTT_5)
			.properties(properties)
			.build());
		assertThat(raw.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.CONNACK);
		return raw;
	}

	private static MqttPublishMessage publishWithAlias(String topic, int alias, String payload) {
		MqttProperties properties = new MqttProperties();
		properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.TOPIC_ALIAS.value(), alias));
		return new MqttPublishMessage(
				new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.AT_MOST_ONCE, false, 0),
				new MqttPublishVariableHeader(topic, 0, properties),
				Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8));
	}

	private static void assertDisconnectedWith(RawMqttClient raw, int reasonCode) {
		MqttMessage disconnect = raw.receive();
		assertThat(disconnect.fixedHeader().messageType()).isEqualTo(MqttMessageType.DISCONNECT);
		assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode())
			.isEqualTo((byte) reasonCode);
		await().until(raw::isClosedByBroker);
	}

	private static Mqtt5PubAckReasonCode puback(Mqtt5BlockingClient writer, String topic) {
		try {
			return pubackOf(writer, topic);
		}
		catch (Mqtt5PubAckException ex) {
			return ex.getMqttMessage().getReasonCode();
		}
	}

	private static Mqtt5PubAckReasonCode pubackOf(Mqtt5BlockingClient writer, String topic) {
		Mqtt5PublishResult result = writer.publishWith()
			.topic(topic)
			.qos(MqttQos.AT_LEAST_ONCE)
			.payload(bytes("x"))
			.send();
		return ((Mqtt5PublishResult.Mqtt5Qos1Result) result).getPubAck().getReasonCode();
	}

	private Mqtt5BlockingClient connected(String id) {
		Mqtt5BlockingClient client = this.clients.hiveMq5(this.broker, id);
		client.connect();
		return client;
	}

	private Mqtt5Publishes subscribed(String id, String filter) {
		Mqtt5BlockingClient reader = connected(id);
		Mqtt5Publishes publishes = reader.publishes(MqttGlobalPublishFilter.ALL);
		reader.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
		return publishes;
	}

	private static Optional<Mqtt5Publish> receive(Mqtt5Publishes publishes) {
		return receive(publishes, Duration.ofSeconds(5));
	}

	private static Optional<Mqtt5Publish> receive(Mqtt5Publishes publishes, Duration timeout) {
		try {
			return publishes.receive(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(Mqtt5Publish message) {
		return StandardCharsets.UTF_8.decode(ByteBuffer.wrap(message.getPayloadAsBytes())).toString();
	}

}
