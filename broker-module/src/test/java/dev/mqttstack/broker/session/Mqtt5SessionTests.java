package dev.mqttstack.broker.session;

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
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.testsupport.BrokerExtension;
import dev.mqttstack.broker.testsupport.TestBrokers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MQTT 5 connection and session behaviour, with the HiveMQ MQTT client in MQTT 5 mode and
 * a raw MQTT 5 client.
 */
class Mqtt5SessionTests {

	@RegisterExtension
	final BrokerExtension brokerExtension = BrokerExtension.withConfig((builder) -> builder.maxPacketSize(65_536));

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
	void connackAdvertisesTheBrokersCapabilitiesAndAssignsClientIds() {
		Mqtt5BlockingClient client = track(MqttClient.builder()
			.useMqttVersion5()
			.serverHost("127.0.0.1")
			.serverPort(this.broker.port())
			.buildBlocking());
		Mqtt5ConnAck connAck = client.connect();
		assertThat(connAck.getAssignedClientIdentifier())
			.hasValueSatisfying((id) -> assertThat(id.toString()).startsWith("auto-"));
		assertThat(connAck.getRestrictions().getMaximumPacketSize()).isEqualTo(65_536);
		assertThat(connAck.getRestrictions().getTopicAliasMaximum()).isEqualTo(10);
		assertThat(connAck.getRestrictions().isRetainAvailable()).isTrue();
		assertThat(connAck.getRestrictions().isWildcardSubscriptionAvailable()).isTrue();
		assertThat(connAck.getRestrictions().isSharedSubscriptionAvailable()).isTrue();
		assertThat(this.broker.clients()).singleElement()
			.satisfies((info) -> assertThat(info.protocolVersion()).isEqualTo(5));
	}

	@Test
	void theBrokersMaximumKeepAliveIsToldToTheClient() {
		this.broker.stop();
		this.broker = TestBrokers.builder().maxKeepAlive(60).build();
		this.broker.start();
		Mqtt5ConnAck connAck = client("lazy").connectWith().keepAlive(600).send();
		assertThat(connAck.getServerKeepAlive()).hasValue(60);
		assertThat(this.broker.clients()).singleElement()
			.satisfies((info) -> assertThat(info.keepAliveSeconds()).isEqualTo(60));
	}

	@Test
	void sessionExpiryKeepsTheSessionAndItsMessagesAcrossReconnects() {
		Mqtt5BlockingClient device = client("device");
		device.connectWith().cleanStart(true).sessionExpiryInterval(300).send();
		device.subscribeWith().topicFilter("cmd/#").qos(MqttQos.AT_LEAST_ONCE).send();
		device.disconnect();
		assertThat(this.broker.hasSession("device")).isTrue();
		publish("cmd/reboot", "now", MqttQos.AT_LEAST_ONCE);
		try (Mqtt5Publishes publishes = device.publishes(MqttGlobalPublishFilter.ALL)) {
			Mqtt5ConnAck connAck = device.connectWith().cleanStart(false).sessionExpiryInterval(300).send();
			assertThat(connAck.isSessionPresent()).isTrue();
			assertThat(receive(publishes)).hasValueSatisfying(
					(message) -> assertThat(new String(message.getPayloadAsBytes(), StandardCharsets.UTF_8))
						.isEqualTo("now"));
		}
	}

	@Test
	void sessionWithoutExpiryEndsWithTheConnection() {
		Mqtt5BlockingClient device = client("short-lived");
		device.connectWith().cleanStart(false).send();
		device.subscribeWith().topicFilter("x").send();
		device.disconnect();
		await().until(() -> !this.broker.hasSession("short-lived"));
		assertThat(device.connectWith().cleanStart(false).send().isSessionPresent()).isFalse();
	}

	@Test
	void cleanStartDiscardsAnExistingSession() {
		Mqtt5BlockingClient device = client("restarter");
		device.connectWith().cleanStart(true).sessionExpiryInterval(300).send();
		device.disconnect();
		assertThat(device.connectWith().cleanStart(true).sessionExpiryInterval(300).send().isSessionPresent())
			.isFalse();
	}

	@Test
	void takenOverClientIsToldWithReasonSessionTakenOver() {
		List<Throwable> causes = new CopyOnWriteArrayList<>();
		Mqtt5BlockingClient first = track(MqttClient.builder()
			.useMqttVersion5()
			.identifier("twin")
			.serverHost("127.0.0.1")
			.serverPort(this.broker.port())
			.addDisconnectedListener((context) -> causes.add(context.getCause()))
			.buildBlocking());
		first.connect();
		client("twin").connect();
		await().until(() -> !causes.isEmpty());
		assertThat(causes.get(0)).isInstanceOfSatisfying(Mqtt5DisconnectException.class,
				(ex) -> assertThat(ex.getMqttMessage().getReasonCode())
					.isEqualTo(Mqtt5DisconnectReasonCode.SESSION_TAKEN_OVER));
	}

	@Test
	void brokerStopTellsClientsItIsShuttingDown() {
		List<Throwable> causes = new CopyOnWriteArrayList<>();
		Mqtt5BlockingClient client = track(MqttClient.builder()
			.useMqttVersion5()
			.identifier("bystander")
			.serverHost("127.0.0.1")
			.serverPort(this.broker.port())
			.addDisconnectedListener((context) -> causes.add(context.getCause()))
			.buildBlocking());
		client.connect();
		this.broker.stop();
		await().until(() -> !causes.isEmpty());
		assertThat(causes.get(0)).isInstanceOfSatisfying(Mqtt5DisconnectException.class,
				(ex) -> assertThat(ex.getMqttMessage().getReasonCode())
					.isEqualTo(Mqtt5DisconnectReasonCode.SERVER_SHUTTING_DOWN));
		this.broker.start();
	}

	@Test
	void disconnectWithWillMessageReasonPublishesTheWill() {
		Mqtt5Publishes wills = subscribed("will/#");
		Mqtt5BlockingClient leaving = client("leaving");
		leaving.connectWith()
			.willPublish()
			.topic("will/leaving")
			.payload("bye".getBytes(StandardCharsets.UTF_8))
			.applyWillPublish()
			.send();
		leaving.disconnectWith().reasonCode(Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE).send();
		assertThat(receive(wills))
			.hasValueSatisfying((will) -> assertThat(will.getTopic().toString()).isEqualTo("will/leaving"));
	}

	private Mqtt5BlockingClient client(String id) {
		return this.brokerExtension.clients().hiveMq5(this.broker, id);
	}

	private Mqtt5BlockingClient track(Mqtt5BlockingClient client) {
		return this.brokerExtension.clients().add(client);
	}

	private Mqtt5Publishes subscribed(String filter) {
		Mqtt5BlockingClient watcher = client("watcher-" + filter.hashCode());
		watcher.connect();
		Mqtt5Publishes publishes = watcher.publishes(MqttGlobalPublishFilter.ALL);
		watcher.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
		return publishes;
	}

	private void publish(String topic, String payload, MqttQos qos) {
		Mqtt5BlockingClient publisher = client("publisher-" + System.nanoTime());
		publisher.connect();
		publisher.publishWith().topic(topic).qos(qos).payload(payload.getBytes(StandardCharsets.UTF_8)).send();
		publisher.disconnect();
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

}
