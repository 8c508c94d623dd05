package dev.mqttstack.broker.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient.Mqtt5Publishes;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperties;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.mqttstack.broker.ListenerConfig;
import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.TlsConfig;
import dev.mqttstack.broker.testsupport.HiveMqClients;
import dev.mqttstack.broker.testsupport.TestBrokers;
import dev.mqttstack.broker.testsupport.TestCertificates;
import dev.mqttstack.broker.testsupport.TestClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The delivery matrix with the HiveMQ MQTT client: for every path a message takes to a
 * subscriber (one subscriber, several, a shared subscription, retained on subscribe,
 * queued while offline, over WebSocket, over TLS, an MQTT 3.1.1 subscriber) at QoS 0, 1
 * and 2, with and without outbound topic aliases, an MQTT 5 PUBLISH carrying every
 * message property arrives exactly as the specification says: payload format, message
 * expiry counted down, content type, response topic, correlation data, user properties
 * with repeated keys in order. The HiveMQ client subscribes with subscription identifiers
 * of its own, so every MQTT 5 delivery here carries them; their wire form and the shared
 * encoding are checked by {@link DeliveryWireTests}.
 */
class DeliveryMatrixTests {

	private static final int EXPIRY = 120;

	private static final Mqtt5UserProperties USER_PROPERTIES = Mqtt5UserProperties.builder()
		.add("k", "v1")
		.add("k", "v2")
		.add("a", "b")
		.add("k", "v1")
		.build();

	private static TestCertificates certificates;

	private static MqttBroker broker;

	private static Mqtt5BlockingClient publisher;

	@RegisterExtension
	final TestClients clients = new TestClients();

	enum Route {

		ONE, SEVERAL, SHARED, RETAINED, QUEUED, WEBSOCKET, TLS, MQTT_3_1_1

	}

	@BeforeAll
	static void startBroker(@TempDir Path directory) throws IOException {
		certificates = TestCertificates.create(directory);
		broker = TestBrokers.builder()
			.listener(ListenerConfig.tcp(0).withHost("127.0.0.1").withName("tcp"))
			.listener(ListenerConfig.websocket(0).withHost("127.0.0.1").withName("ws"))
			.listener(ListenerConfig.tls(0, TlsConfig.pem(certificates.serverChainPem(), certificates.serverKeyPem()))
				.withHost("127.0.0.1")
				.withName("tls"))
			.build();
		broker.start();
		publisher = builder("matrix-publisher", Route.ONE).useMqttVersion5().buildBlocking();
		// no inbound topic aliases: an alias property would hide a PUBLISH whose only
		// properties are user properties
		publisher.connectWith().restrictions().sendTopicAliasMaximum(0).applyRestrictions().send();
	}

	@AfterAll
	static void stopBroker() {
		if (publisher != null) {
			HiveMqClients.disconnectQuietly(publisher);
		}
		if (broker != null) {
			broker.stop();
		}
	}

	static Stream<Arguments> matrix() {
		List<Arguments> cases = new ArrayList<>();
		for (Route route : Route.values()) {
			for (int qos = 0; qos <= 2; qos++) {
				for (boolean aliases : new boolean[] { false, true }) {
					if (route != Route.MQTT_3_1_1 || !aliases) {
						cases.add(Arguments.of(route, qos, aliases));
					}
				}
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0} QoS {1} topic aliases {2}")
	@MethodSource("matrix")
	void everyMessagePropertyArrivesAsTheSpecificationSays(Route route, int qos, boolean aliases)
			throws InterruptedException {
		String topic = "matrix/" + route.name().toLowerCase() + "/" + qos + "/" + aliases;
		String id = route.name().toLowerCase() + "-" + qos + "-" + aliases;
		switch (route) {
			case MQTT_3_1_1 -> {
				Mqtt3BlockingClient subscriber = v3("v3-" + id);
				Mqtt3BlockingClient.Mqtt3Publishes received = subscriber.publishes(MqttGlobalPublishFilter.ALL);
				subscriber.subscribeWith().topicFilter(topic).qos(MqttQos.fromCode(qos)).send();
				publishTwo(topic, qos, false);
				for (int n = 1; n <= 2; n++) {
					Mqtt3Publish message = receive(received);
					// MQTT 3.1.1 has no properties: topic, payload, QoS and retain are
					// all
					assertThat(message.getTopic()).hasToString(topic);
					assertThat(text(message.getPayloadAsBytes())).isEqualTo(payload(n));
					assertThat(message.getQos().getCode()).isEqualTo(qos);
					assertThat(message.isRetain()).isFalse();
				}
			}
			case SEVERAL -> {
				Mqtt5Publishes first = subscribed(v5("a-" + id, Route.ONE, aliases, false), topic, qos);
				Mqtt5Publishes second = subscribed(v5("b-" + id, Route.ONE, aliases, false), topic, qos);
				long sent = publishTwo(topic, qos, false);
				assertTwoArrive(first, topic, qos, false, sent);
				assertTwoArrive(second, topic, qos, false, sent);
			}
			case SHARED -> {
				Mqtt5Publishes first = subscribed(v5("a-" + id, Route.ONE, aliases, false), "$share/g/" + topic, qos);
				Mqtt5Publishes second = subscribed(v5("b-" + id, Route.ONE, aliases, false), "$share/g/" + topic, qos);
				long sent = publishTwo(topic, qos, false);
				List<Mqtt5Publish> received = new ArrayList<>();
				await().until(() -> {
					first.receiveNow().ifPresent(received::add);
					second.receiveNow().ifPresent(received::add);
					return received.size() >= 2;
				});
				assertThat(received).extracting((message) -> text(message.getPayloadAsBytes()))
					.containsExactlyInAnyOrder(payload(1), payload(2));
				received.forEach((message) -> assertMessage(message, topic, qos, false, sent));
				assertThat(first.receive(100, TimeUnit.MILLISECONDS)).as("each message to one member only").isEmpty();
				assertThat(second.receive(100, TimeUnit.MILLISECONDS)).isEmpty();
			}
			case RETAINED -> {
				long sent = publish(topic, qos, true, 1);
				// a QoS 0 publish returns before the broker has stored it: subscribing
				// earlier would receive it live, not as the retained message
				await().until(() -> !broker.retained(topic).isEmpty());
				Mqtt5Publishes received = subscribed(v5(id, Route.ONE, aliases, false), topic, qos);
				assertMessage(receive(received), topic, qos, true, sent);
				publish(topic, qos, false, 2);
				assertMessage(receive(received), topic, qos, false, sent);
				publisher.publishWith().topic(topic).retain(true).send();
			}
			case QUEUED -> {
				Mqtt5BlockingClient subscriber = v5(id, Route.ONE, aliases, true);
				subscribed(subscriber, topic, qos);
				disconnected(subscriber, id);
				long sent = publishTwo(topic, qos, false);
				// listening before the session resumes: the queue is sent right after
				// CONNACK
				Mqtt5Publishes received = subscriber.publishes(MqttGlobalPublishFilter.ALL);
				subscriber.connectWith()
					.cleanStart(false)
					.sessionExpiryInterval(300)
					.restrictions()
					.topicAliasMaximum(aliases ? 8 : 0)
					.applyRestrictions()
					.send();
				if (qos == 0) {
					// QoS 0 messages are not queued for an offline client, as in
					// mosquitto
					publish(topic, 0, false, 3);
					assertThat(text(receive(received).getPayloadAsBytes())).isEqualTo(payload(3));
				}
				else {
					assertTwoArrive(received, topic, qos, false, sent);
				}
			}
			default -> {
				Mqtt5Publishes received = subscribed(v5(id, route, aliases, false), topic, qos);
				assertTwoArrive(received, topic, qos, false, publishTwo(topic, qos, false));
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = Route.class, names = { "ONE", "SEVERAL", "RETAINED", "WEBSOCKET", "TLS" })
	void userPropertiesThatAreThePublishsOnlyPropertiesArrive(Route route) {
		String topic = "matrix/only-user-properties/" + route.name().toLowerCase();
		boolean retained = route == Route.RETAINED;
		List<Mqtt5Publishes> inboxes = new ArrayList<>();
		if (!retained) {
			inboxes.add(subscribed(v5("only-up-" + route, route, false, false), topic, 1));
		}
		if (route == Route.SEVERAL) {
			inboxes.add(subscribed(v5("only-up-b-" + route, route, false, false), topic, 1));
		}
		publisher.publishWith()
			.topic(topic)
			.qos(MqttQos.AT_LEAST_ONCE)
			.retain(retained)
			.payload("hi".getBytes(StandardCharsets.UTF_8))
			.userProperties(USER_PROPERTIES)
			.send();
		if (retained) {
			inboxes.add(subscribed(v5("only-up-" + route, route, false, false), topic, 1));
		}
		for (Mqtt5Publishes inbox : inboxes) {
			assertThat(receive(inbox).getUserProperties().asList())
				.extracting((property) -> property.getName().toString() + "=" + property.getValue())
				.containsExactly("k=v1", "k=v2", "a=b", "k=v1");
		}
		if (retained) {
			publisher.publishWith().topic(topic).retain(true).send();
		}
	}

	@Test
	void theExpiryOfAQueuedMessageIsCountedDownWhileItWaits() {
		Mqtt5BlockingClient subscriber = v5("expiry-counter", Route.ONE, false, true);
		subscribed(subscriber, "matrix/expiry", 1);
		disconnected(subscriber, "expiry-counter");
		long sent = publish("matrix/expiry", 1, false, 1);
		await().pollDelay(Duration.ofMillis(2100)).until(() -> true);
		Mqtt5Publishes received = subscriber.publishes(MqttGlobalPublishFilter.ALL);
		subscriber.connectWith().cleanStart(false).sessionExpiryInterval(300).send();
		Mqtt5Publish message = receive(received);
		long waitedSeconds = (System.currentTimeMillis() - sent) / 1000;
		assertThat(message.getMessageExpiryInterval()).isPresent();
		assertThat(message.getMessageExpiryInterval().getAsLong()).isLessThanOrEqualTo(EXPIRY - 2)
			.isGreaterThanOrEqualTo(EXPIRY - waitedSeconds - 1);
	}

	/** Disconnects a client and waits until the broker holds its session offline. */
	private static void disconnected(Mqtt5BlockingClient client, String id) {
		client.disconnect();
		await().until(() -> broker.session(id).map((session) -> !session.connected()).orElse(false));
	}

	private static void assertTwoArrive(Mqtt5Publishes received, String topic, int qos, boolean retain, long sent) {
		List<Mqtt5Publish> messages = List.of(receive(received), receive(received));
		assertThat(messages).extracting((message) -> text(message.getPayloadAsBytes()))
			.containsExactly(payload(1), payload(2));
		messages.forEach((message) -> assertMessage(message, topic, qos, retain, sent));
	}

	private static void assertMessage(Mqtt5Publish message, String topic, int qos, boolean retain, long sent) {
		long elapsedSeconds = (System.currentTimeMillis() - sent) / 1000;
		assertThat(message.getTopic()).hasToString(topic);
		assertThat(message.getQos().getCode()).isEqualTo(qos);
		assertThat(message.isRetain()).isEqualTo(retain);
		assertThat(message.getPayloadFormatIndicator()).contains(Mqtt5PayloadFormatIndicator.UTF_8);
		assertThat(message.getMessageExpiryInterval()).isPresent();
		assertThat(message.getMessageExpiryInterval().getAsLong()).isBetween(EXPIRY - elapsedSeconds - 1,
				(long) EXPIRY);
		assertThat(message.getContentType()).hasValueSatisfying((type) -> assertThat(type).hasToString("text/json"));
		assertThat(message.getResponseTopic())
			.hasValueSatisfying((reply) -> assertThat(reply).hasToString(topic + "/reply"));
		assertThat(message.getCorrelationData())
			.hasValueSatisfying((data) -> assertThat(text(bytes(data))).isEqualTo("corr-" + topic));
		assertThat(message.getUserProperties().asList())
			.extracting((property) -> property.getName().toString(), (property) -> property.getValue().toString())
			.containsExactly(tuple("k", "v1"), tuple("k", "v2"), tuple("a", "b"), tuple("k", "v1"));
	}

	private static long publishTwo(String topic, int qos, boolean retain) {
		long sent = publish(topic, qos, retain, 1);
		publish(topic, qos, retain, 2);
		return sent;
	}

	private static long publish(String topic, int qos, boolean retain, int n) {
		long sent = System.currentTimeMillis();
		publisher.publishWith()
			.topic(topic)
			.qos(MqttQos.fromCode(qos))
			.retain(retain)
			.payload(payload(n).getBytes(StandardCharsets.UTF_8))
			.payloadFormatIndicator(Mqtt5PayloadFormatIndicator.UTF_8)
			.messageExpiryInterval(EXPIRY)
			.contentType("text/json")
			.responseTopic(topic + "/reply")
			.correlationData(("corr-" + topic).getBytes(StandardCharsets.UTF_8))
			.userProperties(USER_PROPERTIES)
			.send();
		return sent;
	}

	private static String payload(int n) {
		return "{\"n\":" + n + "}";
	}

	private Mqtt5BlockingClient v5(String id, Route route, boolean aliases, boolean persistent) {
		Mqtt5BlockingClient client = builder(id, route).useMqttVersion5().buildBlocking();
		this.clients.add(client);
		client.connectWith()
			.cleanStart(true)
			.sessionExpiryInterval(persistent ? 300 : 0)
			.restrictions()
			.topicAliasMaximum(aliases ? 8 : 0)
			.applyRestrictions()
			.send();
		return client;
	}

	private Mqtt3BlockingClient v3(String id) {
		Mqtt3BlockingClient client = builder(id, Route.ONE).useMqttVersion3().buildBlocking();
		this.clients.add(client);
		client.connect();
		return client;
	}

	private static MqttClientBuilder builder(String id, Route route) {
		MqttClientBuilder builder = MqttClient.builder().identifier(id).serverHost("127.0.0.1");
		return switch (route) {
			case WEBSOCKET ->
				builder.serverPort(broker.port("ws")).webSocketConfig().serverPath("mqtt").applyWebSocketConfig();
			case TLS -> builder.serverPort(broker.port("tls"))
				.sslConfig()
				.trustManagerFactory(certificates.trustManagers())
				.applySslConfig();
			default -> builder.serverPort(broker.port("tcp"));
		};
	}

	private static Mqtt5Publishes subscribed(Mqtt5BlockingClient client, String filter, int qos) {
		Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL);
		client.subscribeWith().topicFilter(filter).qos(MqttQos.fromCode(qos)).send();
		return publishes;
	}

	private static Mqtt5Publish receive(Mqtt5Publishes publishes) {
		try {
			Optional<Mqtt5Publish> message = publishes.receive(5, TimeUnit.SECONDS);
			assertThat(message).as("a message within 5 s").isPresent();
			return message.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Mqtt3Publish receive(Mqtt3BlockingClient.Mqtt3Publishes publishes) {
		try {
			Optional<Mqtt3Publish> message = publishes.receive(5, TimeUnit.SECONDS);
			assertThat(message).as("a message within 5 s").isPresent();
			return message.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] bytes(java.nio.ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.duplicate().get(bytes);
		return bytes;
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
