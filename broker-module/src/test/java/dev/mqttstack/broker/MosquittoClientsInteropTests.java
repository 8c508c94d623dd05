package dev.mqttstack.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.mqttstack.broker.event.DisconnectReason;
import dev.mqttstack.broker.testsupport.BrokerExtension;
import dev.mqttstack.broker.testsupport.Inbox;
import dev.mqttstack.broker.testsupport.Inbox.Received;
import dev.mqttstack.broker.testsupport.MosquittoClients;
import dev.mqttstack.broker.testsupport.MosquittoProcess;
import dev.mqttstack.broker.testsupport.PasswordAuthenticator;
import dev.mqttstack.broker.testsupport.RecordingEvents;
import dev.mqttstack.broker.testsupport.RequiresMosquittoClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Debian's {@code mosquitto_pub} and {@code mosquitto_sub} against the broker, one test
 * per option they document for MQTT 3.1 and 3.1.1. Skipped when the binaries are missing,
 * unless {@code CI=true}, where that is a failure.
 */
@RequiresMosquittoClients
class MosquittoClientsInteropTests {

	private final RecordingEvents events = new RecordingEvents();

	@RegisterExtension
	final BrokerExtension brokerExtension = BrokerExtension.withConfig((builder) -> builder.events(this.events)
		.authenticator(new PasswordAuthenticator(Map.of("alice", "secret"))));

	private MqttBroker broker;

	private MosquittoClients mosquitto;

	private MqttClient watcher;

	@BeforeEach
	void startBroker(@TempDir Path output) {
		this.broker = this.brokerExtension.broker();
		this.mosquitto = this.brokerExtension.mosquitto(output);
	}

	@Test
	void subscriberListensToSeveralTopicsAndPrintsEachTopicBeforeItsPayload() {
		MosquittoProcess sub = this.mosquitto.sub("-i", "multi", "-t", "sensors/+/temp", "-t", "alarms/#", "-v", "-C",
				"2", "-W", "10");
		this.events.awaitSubscribed("multi", "sensors/+/temp");
		this.events.awaitSubscribed("multi", "alarms/#");
		assertThat(this.mosquitto.pub("-t", "sensors/kitchen/humidity", "-m", "40", "-q", "1").awaitExit()).isZero();
		assertThat(this.mosquitto.pub("-t", "sensors/kitchen/temp", "-m", "21.5", "-q", "1").awaitExit()).isZero();
		assertThat(this.mosquitto.pub("-t", "alarms/fire/hall", "-m", "smoke", "-q", "1").awaitExit()).isZero();
		assertThat(sub.awaitExit()).as(sub.toString()).isZero();
		assertThat(sub.messages()).containsExactly("sensors/kitchen/temp 21.5", "alarms/fire/hall smoke");
	}

	@Test
	void countEndsTheSubscriberAfterThatManyMessages() {
		for (String room : List.of("kitchen", "hall", "attic")) {
			assertThat(this.mosquitto.pub("-t", "rooms/" + room, "-m", room, "-r", "-q", "1").awaitExit()).isZero();
		}
		MosquittoProcess sub = this.mosquitto.sub("-t", "rooms/#", "-C", "2", "-W", "10");
		assertThat(sub.awaitExit()).as(sub.toString()).isZero();
		assertThat(sub.messages()).hasSize(2).doesNotHaveDuplicates().isSubsetOf("kitchen", "hall", "attic");
	}

	@Test
	void timeoutEndsASubscriberThatReceivesNothing() {
		MosquittoProcess sub = this.mosquitto.sub("-t", "silence", "-W", "1");
		assertThat(sub.awaitExit()).isNotZero();
		assertThat(sub.errors()).contains("Timed out");
	}

	@Test
	void fileIsPublishedAndReceivedByteForByte(@TempDir Path dir) throws IOException, MqttException {
		byte[] content = new byte[1024];
		for (int i = 0; i < content.length; i++) {
			content[i] = (byte) i;
		}
		Path file = Files.write(dir.resolve("firmware.bin"), content);
		Inbox inbox = watch("files/#");
		MosquittoProcess sub = this.mosquitto.sub("-i", "file-sink", "-t", "files/#", "-N", "-C", "1", "-W", "10");
		this.events.awaitSubscribed("file-sink", "files/#");
		assertThat(this.mosquitto.pub("-t", "files/firmware", "-f", file.toString(), "-q", "1").awaitExit()).isZero();
		assertThat(inbox.awaitCount(1)).singleElement().satisfies((m) -> assertThat(m.payload()).isEqualTo(content));
		assertThat(sub.awaitExit()).as(sub.toString()).isZero();
		assertThat(sub.output()).isEqualTo(content);
	}

	@Test
	void eachLineOfStandardInputIsOneMessage() throws MqttException {
		Inbox inbox = watch("lines");
		byte[] input = "first\nsecond\nthird\n".getBytes(StandardCharsets.UTF_8);
		assertThat(this.mosquitto.pubWithInput(input, "-t", "lines", "-l", "-q", "1").awaitExit()).isZero();
		assertThat(inbox.awaitCount(3)).extracting(Received::text).containsExactly("first", "second", "third");
	}

	@Test
	void wholeStandardInputIsOneMessage() throws MqttException {
		Inbox inbox = watch("whole");
		byte[] input = "我发送消息了\nsecond line\n\n".getBytes(StandardCharsets.UTF_8);
		assertThat(this.mosquitto.pubWithInput(input, "-t", "whole", "-s", "-q", "1").awaitExit()).isZero();
		assertThat(inbox.awaitCount(1)).singleElement().satisfies((m) -> assertThat(m.payload()).isEqualTo(input));
	}

	@Test
	void nullMessageArrivesWithAnEmptyPayload() throws MqttException {
		Inbox inbox = watch("empty");
		assertThat(this.mosquitto.pub("-t", "empty", "-n", "-q", "1").awaitExit()).isZero();
		assertThat(inbox.awaitCount(1)).singleElement().satisfies((m) -> {
			assertThat(m.payload()).isEmpty();
			assertThat(m.retained()).isFalse();
		});
	}

	@Test
	void utf8PayloadArrivesByteForByte() throws MqttException {
		byte[] text = "我发送消息了".getBytes(StandardCharsets.UTF_8);
		Inbox inbox = watch("chat/#");
		MosquittoProcess sub = this.mosquitto.sub("-i", "chat-reader", "-t", "chat/#", "-N", "-C", "1", "-W", "10");
		this.events.awaitSubscribed("chat-reader", "chat/#");
		MosquittoProcess pub = this.mosquitto.pubWithMessageBytes(text, "-t", "chat/zh", "-q", "1");
		assertThat(pub.awaitExit()).as(pub.toString()).isZero();
		assertThat(inbox.awaitCount(1)).singleElement().satisfies((m) -> {
			assertThat(m.payload()).isEqualTo(text);
			assertThat(m.text()).isEqualTo("我发送消息了");
		});
		assertThat(sub.awaitExit()).as(sub.toString()).isZero();
		assertThat(sub.output()).isEqualTo(text);
	}

	@ParameterizedTest(name = "published at QoS {0}, subscribed at QoS {1}")
	@CsvSource({ "0,0", "0,1", "0,2", "1,0", "1,1", "1,2", "2,0", "2,1", "2,2" })
	void deliveryQosIsTheLowerOfPublishAndSubscriptionQos(int publishQos, int subscriptionQos) {
		MosquittoProcess sub = this.mosquitto.sub("-i", "qos-sub", "-t", "qos/test", "-q", "" + subscriptionQos, "-d",
				"-C", "1", "-W", "10");
		assertThat(this.events.awaitSubscribed("qos-sub", "qos/test").grantedQos()).isEqualTo(subscriptionQos);
		MosquittoProcess pub = this.mosquitto.pub("-t", "qos/test", "-m", "hello", "-q", "" + publishQos, "-d");
		assertThat(pub.awaitExit()).as(pub.toString()).isZero();
		assertThat(pub.outputText()).contains(switch (publishQos) {
			case 0 -> List.of("sending PUBLISH (d0, q0");
			case 1 -> List.of("sending PUBLISH (d0, q1", "received PUBACK");
			default -> List.of("sending PUBLISH (d0, q2", "received PUBREC", "sending PUBREL", "received PUBCOMP");
		});
		assertThat(sub.awaitExit()).as(sub.toString()).isZero();
		int deliveryQos = Math.min(publishQos, subscriptionQos);
		assertThat(sub.outputText()).contains(switch (deliveryQos) {
			case 0 -> List.of("received PUBLISH (d0, q0, r0");
			case 1 -> List.of("received PUBLISH (d0, q1, r0", "sending PUBACK");
			default -> List.of("received PUBLISH (d0, q2, r0", "sending PUBREC", "received PUBREL", "sending PUBCOMP");
		});
		assertThat(sub.messages()).containsExactly("hello");
	}

	@Test
	void retainedMessageReachesLaterSubscribersUntilAnEmptyRetainedMessageClearsIt() {
		assertThat(this.mosquitto.pub("-t", "door/state", "-m", "open", "-r", "-q", "1").awaitExit()).isZero();
		MosquittoProcess late = this.mosquitto.sub("-t", "door/state", "-v", "-d", "-C", "1", "-W", "10");
		assertThat(late.awaitExit()).as(late.toString()).isZero();
		assertThat(late.outputText()).contains("received PUBLISH (d0, q0, r1");
		assertThat(late.messages()).containsExactly("door/state open");

		assertThat(this.mosquitto.pub("-t", "door/state", "-n", "-r", "-q", "1").awaitExit()).isZero();
		MosquittoProcess afterClear = this.mosquitto.sub("-i", "after-clear", "-t", "door/state", "-v", "-d", "-C", "1",
				"-W", "10");
		this.events.awaitSubscribed("after-clear", "door/state");
		assertThat(this.mosquitto.pub("-t", "door/state", "-m", "closed", "-q", "1").awaitExit()).isZero();
		assertThat(afterClear.awaitExit()).as(afterClear.toString()).isZero();
		assertThat(afterClear.outputText()).contains("received PUBLISH (d0, q0, r0").doesNotContain("r1");
		assertThat(afterClear.messages()).containsExactly("door/state closed");
	}

	@Test
	void staleRetainedMessagesAreNotPrintedWithDashR() {
		assertThat(this.mosquitto.pub("-t", "meter/power", "-m", "stale", "-r", "-q", "1").awaitExit()).isZero();
		MosquittoProcess sub = this.mosquitto.sub("-i", "fresh-only", "-t", "meter/#", "-R", "-v", "-C", "1", "-W",
				"10");
		this.events.awaitSubscribed("fresh-only", "meter/#");
		assertThat(this.mosquitto.pub("-t", "meter/power", "-m", "fresh", "-q", "1").awaitExit()).isZero();
		assertThat(sub.awaitExit()).as(sub.toString()).isZero();
		assertThat(sub.messages()).containsExactly("meter/power fresh");
	}

	@Test
	void removeRetainedClearsEveryRetainedMessageReceived() {
		for (String lamp : List.of("lamps/1", "lamps/2")) {
			assertThat(this.mosquitto.pub("-t", lamp, "-m", "on", "-r", "-q", "1").awaitExit()).isZero();
		}
		MosquittoProcess cleaner = this.mosquitto.sub("-i", "cleaner", "-t", "lamps/#", "--remove-retained", "-v", "-W",
				"1");
		cleaner.awaitExit();
		// the clearing messages come back as ordinary empty messages, as MQTT 3.1.1 asks
		assertThat(cleaner.messages()).containsExactlyInAnyOrder("lamps/1 on", "lamps/2 on", "lamps/1 (null)",
				"lamps/2 (null)");
		this.events.awaitDisconnected("cleaner");
		MosquittoProcess check = this.mosquitto.sub("-i", "check", "-t", "lamps/#", "-v", "-C", "1", "-W", "10");
		this.events.awaitSubscribed("check", "lamps/#");
		assertThat(this.mosquitto.pub("-t", "lamps/3", "-m", "live", "-q", "1").awaitExit()).isZero();
		assertThat(check.awaitExit()).as(check.toString()).isZero();
		assertThat(check.messages()).containsExactly("lamps/3 live");
	}

	@Test
	void clientIdentifierIsTheOneGivenWithDashI() {
		this.mosquitto.sub("-i", "kitchen-display", "-t", "kitchen/#");
		await().untilAsserted(
				() -> assertThat(this.broker.clients()).extracting(ClientInfo::clientId).contains("kitchen-display"));
		assertThat(this.mosquitto.pub("-i", "kitchen-sensor", "-t", "kitchen/temp", "-m", "20").awaitExit()).isZero();
		this.events.awaitConnected("kitchen-sensor");
	}

	@Test
	void clientIdentifierPrefixIsFollowedByTheProcessId() {
		MosquittoProcess sub = this.mosquitto.sub("-I", "probe-", "-t", "probes/#");
		this.events.awaitConnected("probe-" + sub.pid());
		MosquittoProcess pub = this.mosquitto.pub("-I", "probe-pub-", "-t", "probes/x", "-m", "x");
		assertThat(pub.awaitExit()).isZero();
		this.events.awaitConnected("probe-pub-" + pub.pid());
	}

	@Test
	void persistentSessionGetsWhatWasPublishedWhileItWasOffline() {
		MosquittoProcess first = this.mosquitto.sub("-i", "durable", "-c", "-q", "1", "-t", "news/#", "-E");
		assertThat(first.awaitExit()).as(first.toString()).isZero();
		assertThat(this.events.awaitDisconnected("durable")).isEqualTo(DisconnectReason.CLIENT_DISCONNECTED);
		for (String headline : List.of("one", "two", "three")) {
			assertThat(this.mosquitto.pub("-t", "news/today", "-m", headline, "-q", "1").awaitExit()).isZero();
		}
		MosquittoProcess second = this.mosquitto.sub("-i", "durable", "-c", "-q", "1", "-t", "news/#", "-C", "3", "-W",
				"10");
		assertThat(second.awaitExit()).as(second.toString()).isZero();
		assertThat(second.messages()).containsExactly("one", "two", "three");
		assertThat(this.events.connections("durable")).extracting(RecordingEvents.Connected::sessionPresent)
			.containsExactly(false, true);
	}

	@Test
	void unsubscribeWithDashUEndsAPersistentSubscription() {
		MosquittoProcess subscribe = this.mosquitto.sub("-i", "fickle", "-c", "-q", "1", "-t", "news/#", "-E");
		assertThat(subscribe.awaitExit()).as(subscribe.toString()).isZero();
		MosquittoProcess unsubscribe = this.mosquitto.sub("-i", "fickle", "-c", "-q", "1", "-U", "news/#", "-t",
				"weather/#", "-E");
		assertThat(unsubscribe.awaitExit()).as(unsubscribe.toString()).isZero();
		await().until(() -> this.broker.clients().isEmpty());
		assertThat(this.mosquitto.pub("-t", "news/today", "-m", "stale", "-q", "1").awaitExit()).isZero();
		assertThat(this.mosquitto.pub("-t", "weather/today", "-m", "sunny", "-q", "1").awaitExit()).isZero();
		MosquittoProcess back = this.mosquitto.sub("-i", "fickle", "-c", "-q", "1", "-t", "weather/#", "-v", "-C", "1",
				"-W", "10");
		assertThat(back.awaitExit()).as(back.toString()).isZero();
		assertThat(back.messages()).containsExactly("weather/today sunny");
	}

	@Test
	void keepAliveReachesTheBroker() {
		this.mosquitto.sub("-i", "slow-pinger", "-k", "17", "-t", "k/#");
		assertThat(this.events.awaitConnected("slow-pinger").client().keepAliveSeconds()).isEqualTo(17);
		assertThat(this.mosquitto.pub("-i", "fast-pinger", "-k", "5", "-t", "k/x", "-m", "x").awaitExit()).isZero();
		assertThat(this.events.awaitConnected("fast-pinger").client().keepAliveSeconds()).isEqualTo(5);
	}

	@Test
	void debugOutputShowsTheWholeConversation() {
		MosquittoProcess pub = this.mosquitto.pub("-i", "chatty", "-d", "-t", "debug/x", "-m", "hi", "-q", "1");
		assertThat(pub.awaitExit()).isZero();
		assertThat(pub.outputText()).contains("Client chatty sending CONNECT", "Client chatty received CONNACK (0)",
				"Client chatty sending PUBLISH (d0, q1, r0, m1, 'debug/x', ... (2 bytes))",
				"Client chatty received PUBACK", "Client chatty sending DISCONNECT");
	}

	@Test
	void rightPasswordConnectsAndWrongPasswordIsRefused() throws MqttException {
		Inbox inbox = watch("secure/#");
		MosquittoProcess intruder = this.mosquitto.pub("-u", "alice", "-P", "wrong", "-t", "secure/door", "-m",
				"open sesame", "-q", "1");
		assertThat(intruder.awaitExit()).isNotZero();
		assertThat(intruder.errors()).contains("bad user name or password");
		MosquittoProcess reader = this.mosquitto.sub("-u", "alice", "-P", "wrong", "-t", "secure/#", "-W", "10");
		assertThat(reader.awaitExit()).isNotZero();
		assertThat(reader.errors()).contains("bad user name or password");
		MosquittoProcess alice = this.mosquitto.pub("-i", "alice-pub", "-u", "alice", "-P", "secret", "-t",
				"secure/door", "-m", "welcome", "-q", "1");
		assertThat(alice.awaitExit()).as(alice.toString()).isZero();
		assertThat(inbox.awaitCount(1)).extracting(Received::text).containsExactly("welcome");
		assertThat(this.events.awaitConnected("alice-pub").client().username()).isEqualTo("alice");
	}

	@Test
	void willIsPublishedWhenTheSubscriberIsKilled() throws MqttException {
		Inbox wills = watch("wills/#");
		MosquittoProcess doomed = this.mosquitto.sub("-i", "doomed", "-t", "orders/#", "--will-topic", "wills/doomed",
				"--will-payload", "doomed went away", "--will-qos", "1");
		this.events.awaitSubscribed("doomed", "orders/#");
		doomed.kill();
		assertThat(wills.awaitCount(1)).singleElement().satisfies((will) -> {
			assertThat(will.topic()).isEqualTo("wills/doomed");
			assertThat(will.text()).isEqualTo("doomed went away");
			assertThat(will.qos()).isEqualTo(1);
			assertThat(will.retained()).isFalse();
		});
		assertThat(this.events.awaitDisconnected("doomed")).isEqualTo(DisconnectReason.CONNECTION_LOST);
	}

	@Test
	void retainedWillReachesASubscriberThatComesLater() throws MqttException {
		Inbox wills = watch("wills/#");
		MosquittoProcess doomed = this.mosquitto.sub("-i", "kept", "-t", "orders/#", "--will-topic", "wills/kept",
				"--will-payload", "kept went away", "--will-qos", "2", "--will-retain");
		this.events.awaitSubscribed("kept", "orders/#");
		doomed.kill();
		assertThat(wills.awaitCount(1)).singleElement().satisfies((will) -> {
			assertThat(will.qos()).isEqualTo(2);
			assertThat(will.retained()).isFalse();
		});
		MosquittoProcess late = this.mosquitto.sub("-t", "wills/kept", "-q", "2", "-v", "-d", "-C", "1", "-W", "10");
		assertThat(late.awaitExit()).as(late.toString()).isZero();
		assertThat(late.outputText()).contains("received PUBLISH (d0, q2, r1");
		assertThat(late.messages()).containsExactly("wills/kept kept went away");
	}

	@Test
	void willIsDiscardedWhenTheSubscriberDisconnectsNormally() throws MqttException {
		Inbox wills = watch("wills/#");
		MosquittoProcess polite = this.mosquitto.sub("-i", "polite", "-t", "polite/inbox", "-C", "1", "-W", "10",
				"--will-topic", "wills/polite", "--will-payload", "must not be sent");
		this.events.awaitSubscribed("polite", "polite/inbox");
		assertThat(this.mosquitto.pub("-t", "polite/inbox", "-m", "bye", "-q", "1").awaitExit()).isZero();
		assertThat(polite.awaitExit()).as(polite.toString()).isZero();
		assertThat(this.events.awaitDisconnected("polite")).isEqualTo(DisconnectReason.CLIENT_DISCONNECTED);
		this.watcher.publish("wills/marker", "marker".getBytes(StandardCharsets.UTF_8), 1, false);
		assertThat(wills.awaitCount(1)).extracting(Received::text).containsExactly("marker");
	}

	@ParameterizedTest(name = "-V {0} connects at protocol level {1}")
	@CsvSource({ "mqttv31, 3", "mqttv311, 4" })
	void protocolVersionIsTheOneAskedFor(String version, int level) {
		MosquittoProcess sub = this.mosquitto.sub("-V", version, "-i", version + "-sub", "-t", "versions/" + version,
				"-v", "-C", "1", "-W", "10");
		this.events.awaitSubscribed(version + "-sub", "versions/" + version);
		MosquittoProcess pub = this.mosquitto.pub("-V", version, "-i", version + "-pub", "-t", "versions/" + version,
				"-m", "spoken in " + version, "-q", "1");
		assertThat(pub.awaitExit()).as(pub.toString()).isZero();
		assertThat(sub.awaitExit()).as(sub.toString()).isZero();
		assertThat(sub.messages()).containsExactly("versions/" + version + " spoken in " + version);
		assertThat(this.events.awaitConnected(version + "-sub").client().protocolVersion()).isEqualTo(level);
		assertThat(this.events.awaitConnected(version + "-pub").client().protocolVersion()).isEqualTo(level);
	}

	/** Connects a Paho client that subscribes at QoS 2 and collects what arrives. */
	private Inbox watch(String topicFilter) throws MqttException {
		this.watcher = this.brokerExtension.paho("paho-watcher");
		Inbox inbox = new Inbox();
		this.watcher.subscribe(topicFilter, 2, inbox);
		return inbox;
	}

}
