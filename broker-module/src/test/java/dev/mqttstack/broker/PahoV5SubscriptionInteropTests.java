package dev.mqttstack.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.security.Authorizer;
import dev.mqttstack.broker.testsupport.BrokerExtension;
import dev.mqttstack.broker.testsupport.PahoV5Client;
import dev.mqttstack.broker.testsupport.PahoV5Inbox;
import dev.mqttstack.broker.testsupport.RawMqttClient;
import dev.mqttstack.broker.testsupport.RecordingEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Subscribing as an Eclipse Paho MQTT 5 application sees it: SUBACK and UNSUBACK reason
 * codes, no local, retain as published, retain handling, subscription identifiers and
 * shared subscriptions.
 */
class PahoV5SubscriptionInteropTests {

	private static final int MAX_SUBSCRIPTIONS = 3;

	private final RecordingEvents events = new RecordingEvents();

	@RegisterExtension
	final BrokerExtension brokerExtension = BrokerExtension.withConfig((builder) -> builder.events(this.events)
		.maxSubscriptionsPerClient(MAX_SUBSCRIPTIONS)
		.authorizer(new Authorizer() {
			@Override
			public boolean canSubscribe(ClientInfo client, String topicFilter, int qos) {
				return !topicFilter.startsWith("secret/");
			}
		}));

	private MqttBroker broker;

	@BeforeEach
	void startBroker() {
		this.broker = this.brokerExtension.broker();
	}

	@Test
	void subackAndUnsubackReasonCodesReachTheApplication() throws MqttException {
		PahoV5Client client = connected("subscriber");
		int[] granted = client
			.subscribe(new MqttProperties(), new MqttSubscription("fine/+", 2), new MqttSubscription("secret/x", 1),
					new MqttSubscription("$share/no-filter", 1), new MqttSubscription("also/fine", 0))
			.getReasonCodes();
		assertThat(granted).as("granted QoS 2, not authorized, topic filter invalid, granted QoS 0")
			.containsExactly(0x02, 0x87, 0x8F, 0x00);
		assertThat(client.subscribe("fine/+", 1).getReasonCodes()).as("replacing a subscription").containsExactly(0x01);
		assertThat(client.unsubscribe("fine/+", "never/subscribed").getReasonCodes())
			.as("success, no subscription existed")
			.containsExactly(0x00, 0x11);
		assertThat(client.paho().isConnected()).isTrue();
	}

	/**
	 * The broker answers a subscription beyond its limit with 0x97 (quota exceeded), a
	 * SUBACK reason code of MQTT 5 that Paho 1.2.5 does not know: its {@code MqttSubAck}
	 * accepts only 0x00-0x02, 0x80, 0x83, 0x87, 0x8F, 0x91 and 0x9E, so it fails the
	 * token with "Invalid Return code" (50001) and drops the connection.
	 */
	@Test
	void quotaExceededSubackIsSentAndPaho125CannotReadIt() throws MqttException {
		PahoV5Client client = connected("greedy");
		for (int i = 0; i < MAX_SUBSCRIPTIONS; i++) {
			assertThat(client.subscribe("topic-" + i, 1).getReasonCodes()).containsExactly(0x01);
		}
		assertThatExceptionOfType(MqttException.class).isThrownBy(() -> client.subscribe("one-too-many", 1))
			.satisfies((ex) -> assertThat(ex.getReasonCode()).isEqualTo(MqttException.REASON_CODE_INVALID_RETURN_CODE));
		await().until(() -> !client.paho().isConnected());
		try (RawMqttClient raw = RawMqttClient.mqtt5(this.broker.port())) {
			raw.send(MqttMessageBuilders.connect()
				.clientId("greedy-raw")
				.cleanSession(true)
				.protocolVersion(MqttVersion.MQTT_5)
				.build());
			assertThat(raw.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.CONNACK);
			for (int i = 0; i <= MAX_SUBSCRIPTIONS; i++) {
				raw.subscribe(i + 1, "topic-" + i, 1);
			}
			List<Integer> codes = new ArrayList<>();
			for (int i = 0; i <= MAX_SUBSCRIPTIONS; i++) {
				codes.addAll(((MqttSubAckMessage) raw.receive()).payload().reasonCodes());
			}
			assertThat(codes).as("on the wire").containsExactly(0x01, 0x01, 0x01, 0x97);
		}
	}

	@Test
	void noLocalSubscriptionDoesNotGetItsOwnMessages() throws MqttException {
		PahoV5Client chatty = connected("chatty");
		MqttSubscription noLocal = new MqttSubscription("chat", 1);
		noLocal.setNoLocal(true);
		chatty.subscribe(new MqttProperties(), noLocal);
		PahoV5Client echo = connected("echo");
		echo.subscribe("chat", 1);
		chatty.publish("chat", "mine", 1);
		publish("chat", "theirs", false);
		assertThat(echo.inbox().awaitCount(2)).extracting(PahoV5Inbox.Received::text)
			.as("a plain subscription gets its own messages")
			.containsExactly("mine", "theirs");
		assertThat(chatty.inbox().awaitCount(1)).extracting(PahoV5Inbox.Received::text).containsExactly("theirs");
	}

	@Test
	void retainAsPublishedKeepsTheRetainFlagOnLiveMessages() throws MqttException {
		PahoV5Client asPublished = connected("as-published");
		MqttSubscription keep = new MqttSubscription("state/#", 1);
		keep.setRetainAsPublished(true);
		asPublished.subscribe(new MqttProperties(), keep);
		PahoV5Client plain = connected("plain");
		plain.subscribe("state/#", 1);
		publish("state/a", "retained", true);
		publish("state/a", "live", false);
		assertThat(asPublished.inbox().awaitCount(2)).extracting((m) -> m.text() + " " + m.message().isRetained())
			.containsExactly("retained true", "live false");
		assertThat(plain.inbox().awaitCount(2)).extracting((m) -> m.text() + " " + m.message().isRetained())
			.containsExactly("retained false", "live false");
	}

	@Test
	void retainHandlingDecidesWhenRetainedMessagesAreSent() throws MqttException {
		publish("state/a", "old", true);
		List<PahoV5Client> readers = new ArrayList<>();
		for (int handling = 0; handling <= 2; handling++) {
			PahoV5Client reader = connected("handling-" + handling);
			for (int time = 0; time < 2; time++) {
				MqttSubscription subscription = new MqttSubscription("state/#", 1);
				subscription.setRetainHandling(handling);
				reader.subscribe(new MqttProperties(), subscription);
			}
			readers.add(reader);
		}
		publish("state/a", "marker", false);
		List<List<String>> received = readers.stream()
			.map((reader) -> await().until(() -> reader.inbox().payloads(), (payloads) -> payloads.contains("marker")))
			.toList();
		assertThat(received.get(0)).as("0: at every subscribe").containsExactly("old", "old", "marker");
		assertThat(received.get(1)).as("1: only for a new subscription").containsExactly("old", "marker");
		assertThat(received.get(2)).as("2: never").containsExactly("marker");
		assertThat(readers.get(0).inbox().messages()).extracting((m) -> m.message().isRetained())
			.containsExactly(true, true, false);
	}

	@Test
	void subscriptionIdentifiersComeBackWithEveryMatchingSubscription() throws MqttException {
		publish("ids/door", "locked", true);
		PahoV5Client client = connected("ids");
		client.subscribe(subscriptionIdentifier(7), new MqttSubscription("ids/#", 1));
		client.subscribe(subscriptionIdentifier(8), new MqttSubscription("ids/+/temperature", 1));
		client.subscribe("ids/untagged", 1);
		publish("ids/kitchen/temperature", "21.5", false);
		publish("ids/kitchen/humidity", "40", false);
		publish("ids/untagged", "plain", false);
		assertThat(client.inbox().awaitCount(4)).satisfiesExactly(
				(retained) -> assertThat(retained.properties().getSubscriptionIdentifiers()).containsExactly(7),
				(both) -> assertThat(both.properties().getSubscriptionIdentifiers()).containsExactlyInAnyOrder(7, 8),
				(one) -> assertThat(one.properties().getSubscriptionIdentifiers()).containsExactly(7),
				(untagged) -> assertThat(untagged.properties().getSubscriptionIdentifiers()).containsExactly(7));
		assertThat(client.inbox().messages()).extracting(PahoV5Inbox.Received::text)
			.as("one copy however many subscriptions match")
			.containsExactly("locked", "21.5", "40", "plain");
	}

	@Test
	void sharedSubscriptionSpreadsMessagesOverItsMembers() throws MqttException {
		List<PahoV5Client> members = new ArrayList<>();
		for (String id : List.of("worker-a", "worker-b", "worker-c")) {
			PahoV5Client member = connected(id);
			member.subscribe("$share/workers/jobs/#", 1);
			members.add(member);
		}
		List<String> jobs = IntStream.rangeClosed(1, 12).mapToObj((i) -> "job-" + i).toList();
		for (String job : jobs) {
			publish("jobs/" + job, job, false);
		}
		await().until(() -> members.stream().mapToInt((member) -> member.inbox().messages().size()).sum() >= 12);
		List<String> received = new ArrayList<>();
		for (PahoV5Client member : members) {
			assertThat(member.inbox().payloads()).as(member.paho().getClientId()).hasSize(4);
			received.addAll(member.inbox().payloads());
		}
		assertThat(received).containsExactlyInAnyOrderElementsOf(jobs);
		assertThat(members.get(0).inbox().messages()).allSatisfy(
				(message) -> assertThat(message.topic()).as("the topic, not the share filter").startsWith("jobs/"));
	}

	@Test
	void unacknowledgedMessagesOfAMemberThatLeavesGoToAnotherMember() throws MqttException {
		PahoV5Client steady = connected("steady");
		steady.subscribe("$share/g/work", 1);
		PahoV5Client flaky = client("flaky");
		flaky.paho().setManualAcks(true);
		flaky.connect();
		flaky.subscribe("$share/g/work", 1);
		for (int i = 0; i < 10; i++) {
			publish("work", "w" + i, false);
		}
		await().until(() -> flaky.inbox().messages().size() + steady.inbox().messages().size() == 10);
		List<String> neverAcknowledged = flaky.inbox().payloads();
		assertThat(neverAcknowledged).as("the flaky member got its share").isNotEmpty();
		acknowledgeFirst(flaky);
		flaky.disconnect();
		List<String> handedOver = neverAcknowledged.subList(1, neverAcknowledged.size());
		await().until(() -> steady.inbox().payloads().containsAll(handedOver));
		assertThat(steady.inbox().payloads()).doesNotHaveDuplicates()
			.doesNotContain(neverAcknowledged.get(0))
			.hasSize(10 - 1);
	}

	private static void acknowledgeFirst(PahoV5Client member) throws MqttException {
		MqttMessage first = member.inbox().messages().get(0).message();
		member.paho().messageArrivedComplete(first.getId(), first.getQos());
	}

	/**
	 * Publishes at QoS 1 from the embedding application: the publisher is not what these
	 * tests are about.
	 */
	private void publish(String topic, String text, boolean retain) {
		this.broker.publish(Message.of(topic, text, 1, retain));
	}

	private static MqttProperties subscriptionIdentifier(int id) {
		MqttProperties properties = new MqttProperties();
		properties.setSubscriptionIdentifier(id);
		return properties;
	}

	private PahoV5Client connected(String clientId) {
		return this.brokerExtension.pahoV5Connected(clientId);
	}

	private PahoV5Client client(String clientId) {
		return this.brokerExtension.pahoV5(clientId);
	}

}
