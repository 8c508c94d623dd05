package dev.mqttstack.broker.session;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient.Mqtt5Publishes;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.testsupport.HiveMqClients;
import dev.mqttstack.broker.testsupport.ManualBrokerClock;
import dev.mqttstack.broker.testsupport.RawMqttClient;
import dev.mqttstack.broker.testsupport.TestBrokers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Session expiry, message expiry and will delay on a broker whose clock the test
 * advances, with real MQTT 5 clients: hours pass in milliseconds. (Each also has a
 * real-time end-to-end test in {@code PahoV5SessionInteropTests}.) The broker's
 * keep-alive runs on the same clock, and the hours advanced here would time a client out:
 * so the clients ask for no keep-alive and the broker sets no cap on it, and the only
 * timers on the clock are those of the sessions.
 */
class SessionTimersTests {

	private final ManualBrokerClock clock = new ManualBrokerClock();

	private final List<Mqtt5BlockingClient> clients = new CopyOnWriteArrayList<>();

	private MqttBroker broker;

	@BeforeEach
	void start() {
		this.broker = TestBrokers.builder().clock(this.clock).maxKeepAlive(0).build();
		this.broker.start();
	}

	@AfterEach
	void stop() {
		for (Mqtt5BlockingClient client : this.clients) {
			if (client.getState().isConnected()) {
				client.disconnect();
			}
		}
		this.broker.stop();
	}

	@Test
	void offlineSessionEndsWhenItsExpiryIntervalHasPassedOnTheBrokerClock() {
		Mqtt5BlockingClient device = client("expiring");
		device.connectWith().keepAlive(0).cleanStart(true).sessionExpiryInterval(3600).send();
		device.subscribeWith().topicFilter("x").send();
		device.disconnect();
		await().until(() -> this.clock.scheduledTasks() == 1);
		this.clock.advance(Duration.ofSeconds(3599));
		assertThat(this.broker.hasSession("expiring")).as("one second before its expiry").isTrue();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.broker.hasSession("expiring")).as("at its expiry").isFalse();
		assertThat(device.connectWith().keepAlive(0).cleanStart(false).send().isSessionPresent()).isFalse();
	}

	@Test
	void reconnectingClientCancelsTheExpiryOfItsSession() {
		Mqtt5BlockingClient device = client("returning");
		device.connectWith().keepAlive(0).cleanStart(true).sessionExpiryInterval(60).send();
		device.disconnect();
		await().until(() -> this.clock.scheduledTasks() == 1);
		assertThat(
				device.connectWith().keepAlive(0).cleanStart(false).sessionExpiryInterval(60).send().isSessionPresent())
			.isTrue();
		assertThat(this.clock.scheduledTasks()).isZero();
		this.clock.advance(Duration.ofSeconds(120));
		assertThat(this.broker.hasSession("returning")).isTrue();
	}

	@Test
	void delayedWillIsPublishedWhenItsDelayHasPassedOnTheBrokerClock() {
		Mqtt5Publishes wills = subscribed("will/#");
		try (RawMqttClient raw = RawMqttClient.mqtt5(this.broker.port())) {
			connectWithDelayedWill(raw, "late-will", 600);
		}
		await().until(() -> this.clock.scheduledTasks() == 2);
		this.clock.advance(Duration.ofSeconds(599));
		assertThat(receive(wills, Duration.ofMillis(300))).as("no will during the delay").isEmpty();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(receive(wills, Duration.ofSeconds(5))).as("the will, after its delay")
			.hasValueSatisfying((will) -> assertThat(will.getTopic().toString()).isEqualTo("will/late-will"));
	}

	@Test
	void delayedWillIsNotPublishedWhenTheClientReconnectsWithinTheDelay() {
		Mqtt5Publishes wills = subscribed("will/#");
		try (RawMqttClient raw = RawMqttClient.mqtt5(this.broker.port())) {
			connectWithDelayedWill(raw, "back-soon", 600);
		}
		await().until(() -> this.clock.scheduledTasks() == 2);
		Mqtt5BlockingClient back = client("back-soon");
		assertThat(
				back.connectWith().keepAlive(0).cleanStart(false).sessionExpiryInterval(3600).send().isSessionPresent())
			.isTrue();
		assertThat(this.clock.scheduledTasks()).as("expiry and will cancelled").isZero();
		this.clock.advance(Duration.ofSeconds(601));
		assertThat(receive(wills, Duration.ofMillis(300))).as("no will after the delay").isEmpty();
	}

	@Test
	void expiredMessagesAreLeftOutOfTheOfflineQueueAndTheRetainedMessages() {
		Mqtt5BlockingClient device = client("offline-reader");
		device.connectWith().keepAlive(0).cleanStart(true).sessionExpiryInterval(3600).send();
		device.subscribeWith().topicFilter("alerts/#").qos(MqttQos.AT_LEAST_ONCE).send();
		device.disconnect();
		Mqtt5BlockingClient publisher = client("expiring-publisher");
		publisher.connectWith().keepAlive(0).send();
		publish(publisher, "alerts/short", 60, false);
		publish(publisher, "alerts/long", 3600, false);
		publish(publisher, "retained/short", 60, true);
		publish(publisher, "retained/long", 3600, true);
		await().until(() -> this.broker.session("offline-reader").orElseThrow().queuedMessages() == 2);
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(topics(this.broker.retained("retained/#"))).containsExactly("retained/long", "retained/short");
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(topics(this.broker.retained("retained/#"))).containsExactly("retained/long");

		Mqtt5Publishes received = device.publishes(MqttGlobalPublishFilter.ALL);
		assertThat(device.connectWith()
			.keepAlive(0)
			.cleanStart(false)
			.sessionExpiryInterval(3600)
			.send()
			.isSessionPresent()).isTrue();
		device.subscribeWith().topicFilter("retained/#").qos(MqttQos.AT_LEAST_ONCE).send();
		List<Mqtt5Publish> messages = new ArrayList<>();
		Optional<Mqtt5Publish> next;
		while ((next = receive(received, Duration.ofMillis(500))).isPresent()) {
			messages.add(next.get());
		}
		assertThat(messages).extracting((message) -> message.getTopic().toString())
			.containsExactlyInAnyOrder("alerts/long", "retained/long");
		assertThat(messages).as("expiry counted down by the broker clock")
			.allSatisfy((message) -> assertThat(message.getMessageExpiryInterval()).hasValue(3540L));
	}

	private static List<String> topics(List<Message> messages) {
		return messages.stream().map(Message::topic).toList();
	}

	private static void publish(Mqtt5BlockingClient publisher, String topic, long expirySeconds, boolean retain) {
		publisher.publishWith()
			.topic(topic)
			.qos(MqttQos.AT_LEAST_ONCE)
			.retain(retain)
			.messageExpiryInterval(expirySeconds)
			.payload(topic.getBytes(StandardCharsets.UTF_8))
			.send();
	}

	private static void connectWithDelayedWill(RawMqttClient raw, String clientId, int delaySeconds) {
		MqttProperties connectProperties = new MqttProperties();
		connectProperties.add(new MqttProperties.IntegerProperty(
				MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL.value(), 3600));
		MqttProperties willProperties = new MqttProperties();
		willProperties.add(new MqttProperties.IntegerProperty(
				MqttProperties.MqttPropertyType.WILL_DELAY_INTERVAL.value(), delaySeconds));
		raw.send(MqttMessageBuilders.connect()
			.clientId(clientId)
			.cleanSession(true)
			.keepAlive(0)
			.protocolVersion(MqttVersion.MQTT_5)
			.properties(connectProperties)
			.willFlag(true)
			.willTopic("will/" + clientId)
			.willMessage("gone".getBytes(StandardCharsets.UTF_8))
			.willQoS(MqttQoS.AT_LEAST_ONCE)
			.willProperties(willProperties)
			.build());
		assertThat(raw.receive().fixedHeader().messageType().name()).isEqualTo("CONNACK");
	}

	private Mqtt5Publishes subscribed(String filter) {
		Mqtt5BlockingClient watcher = client("watcher");
		watcher.connectWith().keepAlive(0).send();
		Mqtt5Publishes publishes = watcher.publishes(MqttGlobalPublishFilter.ALL);
		watcher.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
		return publishes;
	}

	private Mqtt5BlockingClient client(String id) {
		Mqtt5BlockingClient client = HiveMqClients.mqtt5(this.broker.port(), id);
		this.clients.add(client);
		return client;
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

}
