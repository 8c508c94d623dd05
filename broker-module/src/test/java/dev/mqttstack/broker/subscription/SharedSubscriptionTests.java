package dev.mqttstack.broker.subscription;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.testsupport.Inbox;
import dev.mqttstack.broker.testsupport.RawMqttClient;
import dev.mqttstack.broker.testsupport.TestBrokers;
import dev.mqttstack.broker.testsupport.TestClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Shared subscriptions ({@code $share/{group}/{filter}}) with MQTT 3.1.1 clients (Paho)
 * and raw clients.
 */
class SharedSubscriptionTests {

	/** Started by each test, with its own settings. */
	private MqttBroker broker;

	@RegisterExtension
	final TestClients clients = TestClients.thenStopping(() -> this.broker);

	@Test
	void roundRobinSpreadsMessagesEvenlyOverTheGroupAndOtherSubscribersStillGetEverything() throws MqttException {
		this.broker = TestBrokers.started();
		List<Inbox> members = List.of(member("w1", "$share/workers/jobs/+"), member("w2", "$share/workers/jobs/+"),
				member("w3", "$share/workers/jobs/+"));
		Inbox audit = member("audit", "jobs/#");
		MqttClient publisher = client("pub");
		for (int i = 0; i < 30; i++) {
			publisher.publish("jobs/" + (i % 4), ("job-" + i).getBytes(StandardCharsets.UTF_8), 1, false);
		}
		assertThat(audit.awaitCount(30)).hasSize(30);
		await().until(() -> members.stream().mapToInt((inbox) -> inbox.messages().size()).sum() == 30);
		assertThat(members).allSatisfy((inbox) -> assertThat(inbox.messages()).hasSize(10));
		Set<String> all = new HashSet<>();
		members.forEach((inbox) -> all.addAll(inbox.payloads()));
		assertThat(all).hasSize(30);
	}

	@Test
	void mqtt311AndMqtt5MembersShareOneGroup() throws Exception {
		this.broker = TestBrokers.started();
		Inbox paho = member("v3-member", "$share/mixed/m");
		Mqtt5BlockingClient hive = com.hivemq.client.mqtt.MqttClient.builder()
			.useMqttVersion5()
			.identifier("v5-member")
			.serverHost("127.0.0.1")
			.serverPort(this.broker.port())
			.buildBlocking();
		hive.connect();
		try (Mqtt5BlockingClient.Mqtt5Publishes received = hive.publishes(MqttGlobalPublishFilter.ALL)) {
			hive.subscribeWith().topicFilter("$share/mixed/m").qos(MqttQos.AT_LEAST_ONCE).send();
			MqttClient publisher = client("pub");
			for (int i = 0; i < 10; i++) {
				publisher.publish("m", ("m" + i).getBytes(StandardCharsets.UTF_8), 1, false);
			}
			List<String> viaHive = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				viaHive.add(new String(
						received.receive(5, java.util.concurrent.TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes(),
						StandardCharsets.UTF_8));
			}
			assertThat(paho.awaitCount(5)).hasSize(5);
			assertThat(viaHive).doesNotContainAnyElementsOf(paho.payloads());
		}
		finally {
			hive.disconnect();
		}
	}

	@Test
	void stickyStrategyKeepsOneMember() throws MqttException {
		this.broker = TestBrokers.builder().sharedSubscriptionStrategy(SharedSubscriptionStrategy.STICKY).build();
		this.broker.start();
		Inbox first = member("s1", "$share/g/t");
		Inbox second = member("s2", "$share/g/t");
		MqttClient publisher = client("pub");
		for (int i = 0; i < 10; i++) {
			publisher.publish("t", ("m" + i).getBytes(StandardCharsets.UTF_8), 1, false);
		}
		await().until(() -> first.messages().size() + second.messages().size() == 10);
		assertThat(List.of(first.messages().size(), second.messages().size())).containsExactlyInAnyOrder(10, 0);
	}

	@Test
	void publisherHashStrategySendsOnePublishersMessagesToOneMember() throws MqttException {
		this.broker = TestBrokers.builder()
			.sharedSubscriptionStrategy(SharedSubscriptionStrategy.PUBLISHER_HASH)
			.build();
		this.broker.start();
		Inbox first = member("h1", "$share/g/t");
		Inbox second = member("h2", "$share/g/t");
		MqttClient publisher = client("the-publisher");
		for (int i = 0; i < 10; i++) {
			publisher.publish("t", ("m" + i).getBytes(StandardCharsets.UTF_8), 1, false);
		}
		await().until(() -> first.messages().size() + second.messages().size() == 10);
		Inbox receiver = first.messages().isEmpty() ? second : first;
		assertThat(receiver.payloads()).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
	}

	@Test
	void malformedSharedFiltersAreRefused() {
		this.broker = TestBrokers.started();
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			raw.connect("bad-share", true, 60, 0);
			raw.send(io.netty.handler.codec.mqtt.MqttMessageBuilders.subscribe()
				.messageId(1)
				.addSubscription(io.netty.handler.codec.mqtt.MqttQoS.AT_LEAST_ONCE, "$share//t")
				.addSubscription(io.netty.handler.codec.mqtt.MqttQoS.AT_LEAST_ONCE, "$share/g")
				.addSubscription(io.netty.handler.codec.mqtt.MqttQoS.AT_LEAST_ONCE, "$share/g+/t")
				.addSubscription(io.netty.handler.codec.mqtt.MqttQoS.AT_LEAST_ONCE, "$share/g/t")
				.build());
			assertThat(((MqttSubAckMessage) raw.receive()).payload().grantedQoSLevels()).containsExactly(0x80, 0x80,
					0x80, 1);
		}
	}

	@Test
	void unacknowledgedMessagesOfADisconnectingMemberGoToAnotherMember() throws MqttException {
		this.broker = TestBrokers.started();
		Inbox steady = member("steady", "$share/g/work");
		List<String> seenByFlaky = new ArrayList<>();
		try (RawMqttClient flaky = new RawMqttClient(this.broker.port())) {
			flaky.connect("flaky", true, 60, 0);
			flaky.subscribe(1, "$share/g/work", 1);
			assertThat(flaky.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.SUBACK);
			MqttClient publisher = client("pub");
			for (int i = 0; i < 20; i++) {
				publisher.publish("work", ("w" + i).getBytes(StandardCharsets.UTF_8), 1, false);
			}
			MqttMessage message;
			while ((message = flaky.poll(java.time.Duration.ofMillis(300))) != null) {
				seenByFlaky.add(((MqttPublishMessage) message).payload().toString(StandardCharsets.UTF_8));
			}
			assertThat(seenByFlaky).as("the flaky member got its share and never acknowledged it").isNotEmpty();
		}
		await().until(() -> steady.messages().size() == 20);
		assertThat(steady.payloads()).containsAll(seenByFlaky).doesNotHaveDuplicates();
	}

	@Test
	void retainedMessagesAreNotSentToSharedSubscriptions() throws MqttException {
		this.broker = TestBrokers.started();
		client("pub").publish("r", "retained".getBytes(StandardCharsets.UTF_8), 1, true);
		Inbox shared = member("shared", "$share/g/r");
		Inbox plain = member("plain", "r");
		assertThat(plain.awaitCount(1)).extracting(Inbox.Received::text).containsExactly("retained");
		client("pub2").publish("r", "live".getBytes(StandardCharsets.UTF_8), 1, false);
		assertThat(shared.awaitCount(1)).extracting(Inbox.Received::text).containsExactly("live");
	}

	/**
	 * A subscriber whose messages reach the inbox through the client callback: Paho's
	 * per-subscription listeners match the topic against the {@code $share/...} filter
	 * themselves and never fire for shared subscriptions.
	 */
	private Inbox member(String clientId, String filter) throws MqttException {
		Inbox inbox = new Inbox();
		MqttClient client = client(clientId);
		client.setCallback(inbox);
		client.subscribe(filter, 1);
		return inbox;
	}

	private MqttClient client(String clientId) {
		return this.clients.paho(this.broker, clientId);
	}

}
