package dev.mqttstack.broker.delivery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperties;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.message.MessageProperties;
import dev.mqttstack.broker.message.MessageProperties.UserProperty;
import dev.mqttstack.broker.protocol.MessagePropertiesMapper;
import dev.mqttstack.broker.testsupport.BrokerExtension;
import dev.mqttstack.broker.testsupport.RawMqttClient;
import dev.mqttstack.broker.testsupport.TestClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The delivery matrix on the wire, read with {@code netty-codec-mqtt} by a raw client:
 * every branch of the one place that encodes a PUBLISH for a subscriber (the form shared
 * by several subscribers, the channel's own encoder, encoding to check the client's
 * maximum packet size, outbound topic aliases, subscription identifiers) on every route
 * over TCP, at QoS 0, 1 and 2, writes exactly the packet the specification asks for.
 */
class DeliveryWireTests {

	private static final Mqtt5UserProperties USER_PROPERTIES = Mqtt5UserProperties.builder()
		.add("k", "v1")
		.add("k", "v2")
		.add("a", "b")
		.add("k", "v1")
		.build();

	private static final int SUBSCRIPTION_ID = 7;

	@RegisterExtension
	static final BrokerExtension brokerExtension = BrokerExtension.create();

	private static MqttBroker broker;

	private static Mqtt5BlockingClient publisher;

	private static final java.util.Map<RawMqttClient, java.util.ArrayDeque<MqttPublishMessage>> EARLY = new java.util.HashMap<>();

	@RegisterExtension
	final TestClients clients = new TestClients();

	enum Route {

		ONE, SEVERAL, SHARED, RETAINED, QUEUED,

		/** An MQTT 5 and an MQTT 3.1.1 subscriber of the same message. */
		MIXED_PROTOCOLS

	}

	enum Variant {

		/** Nothing per subscriber: the shared form when several subscribers get it. */
		PLAIN,

		/** The subscription carries an identifier, which the PUBLISH must repeat. */
		SUBSCRIPTION_ID,

		/** The client accepts two outbound topic aliases. */
		TOPIC_ALIAS,

		/** The client limits packets to 1 MiB, so each one is encoded to be measured. */
		MAXIMUM_PACKET_SIZE

	}

	@BeforeAll
	static void startBroker() {
		broker = brokerExtension.broker();
		publisher = brokerExtension.hiveMq5("wire-publisher");
		publisher.connectWith().restrictions().sendTopicAliasMaximum(0).applyRestrictions().send();
	}

	@AfterEach
	void forgetEarlyPublishes() {
		EARLY.clear();
	}

	static Stream<Arguments> matrix() {
		List<Arguments> cases = new ArrayList<>();
		for (Route route : Route.values()) {
			for (int qos = 0; qos <= 2; qos++) {
				for (Variant variant : Variant.values()) {
					if (route != Route.QUEUED || qos > 0) {
						cases.add(Arguments.of(route, qos, variant));
					}
				}
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0} QoS {1} {2}")
	@MethodSource("matrix")
	void eachSubscriberGetsExactlyThePacketTheSpecificationAsksFor(Route route, int qos, Variant variant) {
		String topic = "wire/" + route.name().toLowerCase() + "/" + qos + "/" + variant.name().toLowerCase();
		String id = "wire-" + route + "-" + qos + "-" + variant;
		switch (route) {
			case SEVERAL, MIXED_PROTOCOLS -> {
				RawMqttClient first = subscribed(connected(id + "-a", variant, false, true), topic, qos, variant);
				RawMqttClient second = subscribed(connected(id + "-b", variant, false, route == Route.SEVERAL), topic,
						qos, variant);
				publishTwo(topic, qos, false);
				assertTwo(first, topic, qos, false, variant, true);
				assertTwo(second, topic, qos, false, variant, route == Route.SEVERAL);
			}
			case SHARED -> {
				RawMqttClient first = subscribed(connected(id + "-a", variant, false, true), "$share/g/" + topic, qos,
						variant);
				RawMqttClient second = subscribed(connected(id + "-b", variant, false, true), "$share/g/" + topic, qos,
						variant);
				publishTwo(topic, qos, false);
				List<MqttPublishMessage> received = new ArrayList<>();
				await().until(() -> {
					for (RawMqttClient client : List.of(first, second)) {
						java.util.ArrayDeque<MqttPublishMessage> early = EARLY.get(client);
						MqttMessage packet = (early != null && !early.isEmpty()) ? early.poll()
								: client.poll(java.time.Duration.ofMillis(20));
						if (packet instanceof MqttPublishMessage publish) {
							acknowledge(client, publish);
							received.add(publish);
						}
					}
					return received.size() >= 2;
				});
				assertThat(received).extracting(DeliveryWireTests::text).containsExactlyInAnyOrder("m1", "m2");
				received.forEach((publish) -> assertPublish(publish, topic, qos, false, variant, true, null));
			}
			case RETAINED -> {
				publish(topic, qos, true, "m1");
				// a QoS 0 publish returns before the broker has stored it: subscribing
				// earlier would receive it live, not as the retained message
				await().until(() -> !broker.retained(topic).isEmpty());
				RawMqttClient client = subscribed(connected(id, variant, false, true), topic, qos, variant);
				MqttPublishMessage retained = nextPublish(client);
				acknowledge(client, retained);
				assertPublish(retained, topic, qos, true, variant, true, true);
				publish(topic, qos, false, "m2");
				MqttPublishMessage live = nextPublish(client);
				acknowledge(client, live);
				assertPublish(live, topic, qos, false, variant, true, false);
				publisher.publishWith().topic(topic).retain(true).send();
			}
			case QUEUED -> {
				RawMqttClient offline = subscribed(connected(id, variant, true, true), topic, qos, variant);
				offline.send(new MqttMessage(new io.netty.handler.codec.mqtt.MqttFixedHeader(MqttMessageType.DISCONNECT,
						false, MqttQoS.AT_MOST_ONCE, false, 0)));
				await().until(() -> broker.session(id).map((session) -> !session.connected()).orElse(false));
				publishTwo(topic, qos, false);
				RawMqttClient resumed = connected(id, variant, true, true);
				assertTwo(resumed, topic, qos, false, variant, true);
			}
			default -> {
				RawMqttClient client = subscribed(connected(id, variant, false, true), topic, qos, variant);
				publishTwo(topic, qos, false);
				assertTwo(client, topic, qos, false, variant, true);
			}
		}
	}

	private static void assertTwo(RawMqttClient client, String topic, int qos, boolean retain, Variant variant,
			boolean mqtt5) {
		MqttPublishMessage first = nextPublish(client);
		acknowledge(client, first);
		MqttPublishMessage second = nextPublish(client);
		acknowledge(client, second);
		assertThat(List.of(text(first), text(second))).containsExactly("m1", "m2");
		assertPublish(first, topic, qos, retain, variant, mqtt5, true);
		assertPublish(second, topic, qos, retain, variant, mqtt5, false);
	}

	/**
	 * Asserts one PUBLISH on the wire.
	 * @param firstOnTopic whether it is the first on its topic for this client (a topic
	 * alias is then set, else used), or {@code null} when the order is unknown
	 */
	private static void assertPublish(MqttPublishMessage publish, String topic, int qos, boolean retain,
			Variant variant, boolean mqtt5, Boolean firstOnTopic) {
		assertThat(publish.fixedHeader().qosLevel().value()).isEqualTo(qos);
		assertThat(publish.fixedHeader().isRetain()).isEqualTo(retain);
		assertThat(publish.fixedHeader().isDup()).isFalse();
		if (qos > 0) {
			assertThat(publish.variableHeader().packetId()).isBetween(1, 65535);
		}
		MqttProperties properties = publish.variableHeader().properties();
		if (!mqtt5) {
			assertThat(publish.variableHeader().topicName()).isEqualTo(topic);
			assertThat(properties.listAll()).as("an MQTT 3.1.1 PUBLISH has no properties").isEmpty();
			return;
		}
		MqttProperties.MqttProperty<?> alias = properties.getProperty(MqttPropertyType.TOPIC_ALIAS.value());
		if (variant == Variant.TOPIC_ALIAS) {
			assertThat(alias).as("topic alias").isNotNull();
			if (firstOnTopic != null) {
				assertThat(publish.variableHeader().topicName()).isEqualTo(firstOnTopic ? topic : "");
			}
		}
		else {
			assertThat(alias).as("no topic alias").isNull();
			assertThat(publish.variableHeader().topicName()).isEqualTo(topic);
		}
		assertThat(properties.getProperties(MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value()))
			.extracting(MqttProperties.MqttProperty::value)
			.isEqualTo((variant == Variant.SUBSCRIPTION_ID) ? List.of(SUBSCRIPTION_ID) : List.of());
		MessageProperties message = MessagePropertiesMapper.fromWire(properties);
		assertThat(message.payloadFormatIndicator()).isEqualTo(1);
		assertThat(message.messageExpiryInterval()).isBetween(118L, 120L);
		assertThat(message.contentType()).isEqualTo("text/plain");
		assertThat(message.responseTopic()).isEqualTo(topic + "/reply");
		assertThat(new String(message.correlationData(), StandardCharsets.UTF_8)).isEqualTo("corr");
		assertThat(message.userProperties()).containsExactly(new UserProperty("k", "v1"), new UserProperty("k", "v2"),
				new UserProperty("a", "b"), new UserProperty("k", "v1"));
	}

	/** Completes the QoS 1/2 flow of a received PUBLISH. */
	private static void acknowledge(RawMqttClient client, MqttPublishMessage publish) {
		int packetId = publish.variableHeader().packetId();
		switch (publish.fixedHeader().qosLevel()) {
			case AT_LEAST_ONCE -> client.send(ack(MqttMessageType.PUBACK, packetId));
			case EXACTLY_ONCE -> {
				client.send(ack(MqttMessageType.PUBREC, packetId));
				// a later PUBLISH may come first: it waits for its turn
				MqttMessage next;
				while ((next = client.receive()) instanceof MqttPublishMessage early) {
					EARLY.computeIfAbsent(client, (key) -> new java.util.ArrayDeque<>()).add(early);
				}
				assertThat(next.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBREL);
				assertThat(((MqttMessageIdVariableHeader) next.variableHeader()).messageId()).isEqualTo(packetId);
				client.send(ack(MqttMessageType.PUBCOMP, packetId));
			}
			default -> {
			}
		}
	}

	/** The next PUBLISH a client received, one read early first. */
	private static MqttPublishMessage nextPublish(RawMqttClient client) {
		java.util.ArrayDeque<MqttPublishMessage> early = EARLY.get(client);
		if (early != null && !early.isEmpty()) {
			return early.poll();
		}
		return (MqttPublishMessage) client.receive();
	}

	private static MqttMessage ack(MqttMessageType type, int packetId) {
		return new MqttMessage(
				new io.netty.handler.codec.mqtt.MqttFixedHeader(type, false,
						(type == MqttMessageType.PUBREL) ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE, false, 0),
				MqttMessageIdVariableHeader.from(packetId));
	}

	private RawMqttClient connected(String clientId, Variant variant, boolean persistent, boolean mqtt5) {
		RawMqttClient client = mqtt5 ? RawMqttClient.mqtt5(broker.port()) : new RawMqttClient(broker.port());
		this.clients.closeAfterTest(client);
		MqttProperties properties = new MqttProperties();
		if (mqtt5 && persistent) {
			properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.SESSION_EXPIRY_INTERVAL.value(), 300));
		}
		if (mqtt5 && variant == Variant.TOPIC_ALIAS) {
			properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.TOPIC_ALIAS_MAXIMUM.value(), 2));
		}
		if (mqtt5 && variant == Variant.MAXIMUM_PACKET_SIZE) {
			properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.MAXIMUM_PACKET_SIZE.value(), 1 << 20));
		}
		client.send(MqttMessageBuilders.connect()
			.clientId(clientId)
			.cleanSession(!persistent)
			.keepAlive(60)
			.protocolVersion(mqtt5 ? MqttVersion.MQTT_5 : MqttVersion.MQTT_3_1_1)
			.properties(properties)
			.build());
		assertThat(client.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.CONNACK);
		return client;
	}

	private static RawMqttClient subscribed(RawMqttClient client, String filter, int qos, Variant variant) {
		MqttProperties properties = new MqttProperties();
		if (variant == Variant.SUBSCRIPTION_ID) {
			properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value(),
					SUBSCRIPTION_ID));
		}
		client.send(MqttMessageBuilders.subscribe()
			.messageId(1)
			.properties(properties)
			.addSubscription(MqttQoS.valueOf(qos), filter)
			.build());
		assertThat(client.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.SUBACK);
		return client;
	}

	private static void publishTwo(String topic, int qos, boolean retain) {
		publish(topic, qos, retain, "m1");
		publish(topic, qos, retain, "m2");
	}

	private static void publish(String topic, int qos, boolean retain, String text) {
		publisher.publishWith()
			.topic(topic)
			.qos(MqttQos.fromCode(qos))
			.retain(retain)
			.payload(text.getBytes(StandardCharsets.UTF_8))
			.payloadFormatIndicator(Mqtt5PayloadFormatIndicator.UTF_8)
			.messageExpiryInterval(120)
			.contentType("text/plain")
			.responseTopic(topic + "/reply")
			.correlationData("corr".getBytes(StandardCharsets.UTF_8))
			.userProperties(USER_PROPERTIES)
			.send();
	}

	private static String text(MqttPublishMessage publish) {
		return new String(ByteBufUtil.getBytes(publish.payload()), StandardCharsets.UTF_8);
	}

}
