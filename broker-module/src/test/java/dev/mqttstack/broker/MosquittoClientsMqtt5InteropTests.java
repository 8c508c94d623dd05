package dev.mqttstack.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mqttstack.broker.event.DisconnectReason;
import dev.mqttstack.broker.security.Authorizer;
import dev.mqttstack.broker.testsupport.BrokerExtension;
import dev.mqttstack.broker.testsupport.Inbox;
import dev.mqttstack.broker.testsupport.MosquittoClients;
import dev.mqttstack.broker.testsupport.MosquittoProcess;
import dev.mqttstack.broker.testsupport.RecordingEvents;
import dev.mqttstack.broker.testsupport.RequiresMosquittoClients;
import dev.mqttstack.broker.testsupport.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Debian's {@code mosquitto_pub} and {@code mosquitto_sub} speaking MQTT 5 ({@code -V
 * mqttv5}, {@code -D} properties) and TLS to the broker. Skipped when the binaries are
 * missing, unless {@code CI=true}, where that is a failure.
 */
@RequiresMosquittoClients
class MosquittoClientsMqtt5InteropTests {

	private static TestCertificates certificates;

	private static TestCertificates otherCertificates;

	private final RecordingEvents events = new RecordingEvents();

	private MqttBroker broker;

	private MosquittoClients mosquitto;

	private MqttClient watcher;

	@RegisterExtension
	final BrokerExtension brokerExtension = BrokerExtension
		.withConfig((builder) -> builder.listener(ListenerConfig.tcp(0).withHost("127.0.0.1").withName("tcp"))
			.listener(ListenerConfig.tls(0, TlsConfig.pem(certificates.serverChainPem(), certificates.serverKeyPem()))
				.withHost("127.0.0.1")
				.withName("tls"))
			.events(this.events)
			.authorizer(new Authorizer() {
				@Override
				public boolean canPublish(ClientInfo client, String topic, int qos, boolean retain) {
					return !topic.startsWith("forbidden/");
				}

				@Override
				public boolean canSubscribe(ClientInfo client, String topicFilter, int qos) {
					return !topicFilter.startsWith("secret/");
				}
			}));

	@BeforeAll
	static void makeCertificates(@TempDir Path certificatesDirectory) throws IOException {
		certificates = TestCertificates.create(Files.createDirectory(certificatesDirectory.resolve("ca")));
		otherCertificates = TestCertificates.create(Files.createDirectory(certificatesDirectory.resolve("other-ca")));
	}

	@BeforeEach
	void startBroker(@TempDir Path output) {
		this.broker = this.brokerExtension.broker();
		this.mosquitto = this.brokerExtension.mosquitto(output);
	}

	@ParameterizedTest(name = "QoS {0}")
	@ValueSource(ints = { 0, 1, 2 })
	void mqtt5ClientsConnectPublishAndSubscribeAtEveryQos(int qos) {
		MosquittoProcess sub = this.mosquitto.sub("-V", "mqttv5", "-i", "v5-sub", "-t", "qos/test", "-q", "" + qos,
				"-d", "-C", "1", "-W", "10");
		assertThat(this.events.awaitSubscribed("v5-sub", "qos/test").grantedQos()).isEqualTo(qos);
		assertThat(this.broker.clients()).filteredOn((client) -> client.clientId().equals("v5-sub"))
			.singleElement()
			.satisfies((client) -> assertThat(client.protocolVersion()).isEqualTo(5));
		MosquittoProcess pub = this.mosquitto.pub("-V", "mqttv5", "-i", "v5-pub", "-t", "qos/test", "-m", "hello", "-q",
				"" + qos, "-d");
		assertThat(pub.awaitExit()).as(pub.toString()).isZero();
		assertThat(pub.outputText()).contains(switch (qos) {
			case 0 -> List.of("sending PUBLISH (d0, q0");
			case 1 -> List.of("sending PUBLISH (d0, q1", "received PUBACK (Mid: 1, RC:0)");
			default -> List.of("sending PUBLISH (d0, q2", "received PUBREC", "sending PUBREL",
					"received PUBCOMP (Mid: 1, RC:0)");
		});
		assertThat(sub.awaitExit()).as(sub.toString()).isZero();
		assertThat(sub.outputText()).contains(switch (qos) {
			case 0 -> List.of("received PUBLISH (d0, q0, r0");
			case 1 -> List.of("received PUBLISH (d0, q1, r0", "sending PUBACK");
			default -> List.of("received PUBLISH (d0, q2, r0", "sending PUBREC", "received PUBREL", "sending PUBCOMP");
		});
		assertThat(sub.messages()).containsExactly("hello");
		assertThat(this.events.awaitConnected("v5-pub").client().protocolVersion()).isEqualTo(5);
	}

	@Test
	void publishPropertiesArriveUnchanged() {
		MosquittoProcess sub = this.mosquitto.sub("-V", "mqttv5", "-i", "props-sub", "-t", "requests/#", "-F",
				"%t|%C|%R|%D|%F|%P|%E|%p", "-C", "1", "-W", "10");
		this.events.awaitSubscribed("props-sub", "requests/#");
		MosquittoProcess pub = this.mosquitto.pub("-V", "mqttv5", "-t", "requests/lamp", "-m", "{\"on\":true}", "-q",
				"1", "-D", "publish", "content-type", "application/json", "-D", "publish", "response-topic",
				"replies/lamp", "-D", "publish", "correlation-data", "req-42", "-D", "publish", "user-property",
				"origin", "kitchen", "-D", "publish", "user-property", "trace", "7f3a", "-D", "publish",
				"payload-format-indicator", "1", "-D", "publish", "message-expiry-interval", "120");
		assertThat(pub.awaitExit()).as(pub.toString()).isZero();
		assertThat(sub.awaitExit()).as(sub.toString()).isZero();
		assertThat(sub.messages()).singleElement().satisfies((line) -> {
			String[] fields = line.split("\\|");
			assertThat(fields).hasSize(8);
			assertThat(List.of(fields).subList(0, 6)).containsExactly("requests/lamp", "application/json",
					"replies/lamp", "req-42", "1", "origin:kitchen trace:7f3a");
			assertThat(Integer.parseInt(fields[6])).as("remaining message expiry").isBetween(110, 120);
			assertThat(fields[7]).isEqualTo("{\"on\":true}");
		});
	}

	@Test
	void sessionExpiryKeepsQos1MessagesForAnOfflineSubscriber() {
		MosquittoProcess first = this.mosquitto.sub("-V", "mqttv5", "-i", "durable5", "-c", "-x", "60", "-q", "1", "-t",
				"news/#", "-E");
		assertThat(first.awaitExit()).as(first.toString()).isZero();
		assertThat(this.events.awaitDisconnected("durable5")).isEqualTo(DisconnectReason.CLIENT_DISCONNECTED);
		assertThat(this.broker.hasSession("durable5")).isTrue();
		byte[] lines = "one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8);
		assertThat(this.mosquitto.pubWithInput(lines, "-V", "mqttv5", "-t", "news/today", "-l", "-q", "1").awaitExit())
			.isZero();
		MosquittoProcess second = this.mosquitto.sub("-V", "mqttv5", "-i", "durable5", "-c", "-x", "60", "-q", "1",
				"-t", "news/#", "-C", "3", "-W", "10");
		assertThat(second.awaitExit()).as(second.toString()).isZero();
		assertThat(second.messages()).containsExactly("one", "two", "three");
		assertThat(this.events.connections("durable5")).extracting(RecordingEvents.Connected::sessionPresent)
			.containsExactly(false, true);
	}

	@Test
	void sessionEndsWhenItsExpiryIntervalHasPassed() {
		MosquittoProcess sub = this.mosquitto.sub("-V", "mqttv5", "-i", "brief", "-c", "-x", "1", "-q", "1", "-t",
				"news/#", "-E");
		assertThat(sub.awaitExit()).as(sub.toString()).isZero();
		this.events.awaitDisconnected("brief");
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.broker.hasSession("brief"));
		MosquittoProcess back = this.mosquitto.sub("-V", "mqttv5", "-i", "brief", "-c", "-x", "60", "-t", "news/#",
				"-E");
		assertThat(back.awaitExit()).as(back.toString()).isZero();
		assertThat(this.events.connections("brief")).extracting(RecordingEvents.Connected::sessionPresent)
			.containsExactly(false, false);
	}

	@Test
	void expiredMessagesLeaveTheOfflineQueueAndTheRestCarryTheirRemainingTime() {
		MosquittoProcess first = this.mosquitto.sub("-V", "mqttv5", "-i", "queue5", "-c", "-x", "60", "-q", "1", "-t",
				"alerts/#", "-E");
		assertThat(first.awaitExit()).as(first.toString()).isZero();
		this.events.awaitDisconnected("queue5");
		Instant published = Instant.now();
		assertThat(this.mosquitto
			.pub("-V", "mqttv5", "-t", "alerts/a", "-m", "short", "-q", "1", "-D", "publish", "message-expiry-interval",
					"1")
			.awaitExit()).isZero();
		assertThat(this.mosquitto
			.pub("-V", "mqttv5", "-t", "alerts/b", "-m", "long", "-q", "1", "-D", "publish", "message-expiry-interval",
					"100")
			.awaitExit()).isZero();
		// message expiry is measured in seconds: let the first message's second pass
		await().atMost(Duration.ofSeconds(5))
			.until(() -> Duration.between(published, Instant.now()).compareTo(Duration.ofMillis(1500)) > 0);
		MosquittoProcess second = this.mosquitto.sub("-V", "mqttv5", "-i", "queue5", "-c", "-x", "60", "-q", "1", "-t",
				"alerts/#", "-F", "%p %E", "-C", "1", "-W", "10");
		assertThat(second.awaitExit()).as(second.toString()).isZero();
		assertThat(second.messages()).singleElement().satisfies((line) -> {
			assertThat(line).startsWith("long ");
			assertThat(Integer.parseInt(line.substring("long ".length()))).isBetween(90, 99);
		});
	}

	@Test
	void topicAliasIsResolvedForEveryMessageThatUsesIt() {
		MosquittoProcess sub = this.mosquitto.sub("-V", "mqttv5", "-i", "alias-sub", "-t", "plant/#", "-v", "-C", "3",
				"-W", "10");
		this.events.awaitSubscribed("alias-sub", "plant/#");
		byte[] lines = "first\nsecond\nthird\n".getBytes(StandardCharsets.UTF_8);
		MosquittoProcess pub = this.mosquitto.pubWithInput(lines, "-V", "mqttv5", "-t", "plant/line-4/press/pressure",
				"-l", "-q", "1", "-D", "publish", "topic-alias", "1", "-d");
		assertThat(pub.awaitExit()).as(pub.toString()).isZero();
		// the first PUBLISH sets the alias, the next two carry only the alias
		assertThat(pub.outputText()).contains("'plant/line-4/press/pressure'", "m2, '(null)'", "m3, '(null)'",
				"received PUBACK (Mid: 3, RC:0)");
		assertThat(sub.awaitExit()).as(sub.toString()).isZero();
		assertThat(sub.messages()).containsExactly("plant/line-4/press/pressure first",
				"plant/line-4/press/pressure second", "plant/line-4/press/pressure third");
	}

	@Test
	void sharedSubscriptionSplitsMessagesBetweenItsMembers() {
		List<MosquittoProcess> members = new ArrayList<>();
		for (String member : List.of("worker-a", "worker-b")) {
			members.add(this.mosquitto.sub("-V", "mqttv5", "-i", member, "-t", "$share/g/jobs", "-q", "1"));
			this.events.awaitSubscribed(member, "$share/g/jobs");
		}
		List<String> jobs = IntStream.rangeClosed(1, 10).mapToObj((i) -> "job-" + i).toList();
		byte[] input = (String.join("\n", jobs) + "\n").getBytes(StandardCharsets.UTF_8);
		assertThat(this.mosquitto.pubWithInput(input, "-V", "mqttv5", "-t", "jobs", "-l", "-q", "1").awaitExit())
			.isZero();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> members.stream().mapToInt((member) -> member.messages().size()).sum() >= 10);
		List<String> received = new ArrayList<>();
		for (MosquittoProcess member : members) {
			assertThat(member.messages()).as(member.toString()).isNotEmpty().hasSizeLessThan(10);
			received.addAll(member.messages());
		}
		assertThat(received).hasSize(10).containsExactlyInAnyOrderElementsOf(jobs);
	}

	@Test
	void willIsPublishedOnlyOnceItsDelayHasPassed() throws MqttException {
		Inbox wills = watch("wills/#");
		MosquittoProcess doomed = subscribeWithDelayedWill("delayed", 30, 1);
		Instant killed = Instant.now();
		doomed.kill();
		assertThat(wills.awaitCount(1)).singleElement()
			.satisfies((will) -> assertThat(will.text()).isEqualTo("delayed went away"));
		assertThat(Duration.between(killed, Instant.now())).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
	}

	@Test
	void delayedWillIsPublishedAtOnceWhenTheSessionEndsFirst() throws MqttException {
		Inbox wills = watch("wills/#");
		MosquittoProcess doomed = subscribeWithDelayedWill("delayed", 0, 30);
		Instant killed = Instant.now();
		doomed.kill();
		assertThat(wills.awaitCount(1)).extracting(Inbox.Received::text).containsExactly("delayed went away");
		assertThat(Duration.between(killed, Instant.now())).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void reconnectingWithinTheWillDelayCancelsTheWill() throws MqttException {
		Inbox wills = watch("wills/#");
		MosquittoProcess doomed = subscribeWithDelayedWill("delayed", 30, 1);
		Instant killed = Instant.now();
		doomed.kill();
		this.mosquitto.sub("-V", "mqttv5", "-i", "delayed", "-x", "30", "-t", "orders/#");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.events.connections("delayed").size() == 2);
		// the will would have been published one second after the kill
		await().atMost(Duration.ofSeconds(5))
			.until(() -> Duration.between(killed, Instant.now()).compareTo(Duration.ofMillis(2000)) > 0);
		this.watcher.publish("wills/marker", "marker".getBytes(StandardCharsets.UTF_8), 1, false);
		assertThat(wills.awaitCount(1)).extracting(Inbox.Received::text).containsExactly("marker");
	}

	@Test
	void messagesLargerThanTheClientsMaximumPacketSizeAreNotSentToIt() {
		MosquittoProcess sub = this.mosquitto.sub("-V", "mqttv5", "-i", "small-sub", "-t", "sizes/#", "-v", "-D",
				"connect", "maximum-packet-size", "100", "-C", "1", "-W", "10");
		this.events.awaitSubscribed("small-sub", "sizes/#");
		assertThat(this.mosquitto.pub("-V", "mqttv5", "-t", "sizes/big", "-m", "x".repeat(200), "-q", "1").awaitExit())
			.isZero();
		assertThat(this.mosquitto.pub("-V", "mqttv5", "-t", "sizes/small", "-m", "fits", "-q", "1").awaitExit())
			.isZero();
		assertThat(sub.awaitExit()).as(sub.toString()).isZero();
		assertThat(sub.messages()).containsExactly("sizes/small fits");
	}

	@Test
	void refusedAndUnroutedPublishesGetTheirReasonCodes() {
		MosquittoProcess unrouted = this.mosquitto.pub("-V", "mqttv5", "-t", "nobody/listens", "-m", "x", "-q", "1",
				"-d");
		assertThat(unrouted.awaitExit()).as(unrouted.toString()).isZero();
		assertThat(unrouted.outputText()).contains("received PUBACK (Mid: 1, RC:16)");
		MosquittoProcess refused = this.mosquitto.pub("-V", "mqttv5", "-t", "forbidden/x", "-m", "x", "-q", "1", "-d");
		refused.awaitExit();
		assertThat(refused.outputText()).contains("received PUBACK (Mid: 1, RC:135)");
		assertThat(refused.errors()).contains("Not authorized");
		MosquittoProcess refusedQos2 = this.mosquitto.pub("-V", "mqttv5", "-t", "forbidden/x", "-m", "x", "-q", "2");
		refusedQos2.awaitExit();
		assertThat(refusedQos2.errors()).contains("Not authorized");
		MosquittoProcess notUtf8 = this.mosquitto.pubWithMessageBytes(new byte[] { (byte) 0xFF, (byte) 0xFE }, "-V",
				"mqttv5", "-t", "text/x", "-q", "1", "-d", "-D", "publish", "payload-format-indicator", "1");
		notUtf8.awaitExit();
		assertThat(notUtf8.outputText()).contains("received PUBACK (Mid: 1, RC:153)");
		assertThat(notUtf8.errors()).contains("Payload format invalid");
	}

	@Test
	void refusedSubscriptionGetsReasonCodeNotAuthorized() {
		MosquittoProcess sub = this.mosquitto.sub("-V", "mqttv5", "-t", "secret/#", "-t", "public/#", "-d", "-E");
		assertThat(sub.awaitExit()).as(sub.toString()).isZero();
		assertThat(sub.outputText()).contains("Subscribed (mid: 1): 135, 0");
		MosquittoProcess denied = this.mosquitto.sub("-V", "mqttv5", "-t", "secret/#", "-d", "-E");
		// mosquitto_sub 2.0 exits with 0 here; it says so on standard error
		denied.awaitExit();
		assertThat(denied.outputText()).contains("Subscribed (mid: 1): 135");
		assertThat(denied.errors()).contains("All subscription requests were denied");
	}

	@Test
	void serverDisconnectTellsTheClientWhy() {
		MosquittoProcess first = this.mosquitto.sub("-V", "mqttv5", "-i", "kiosk", "-t", "screens/#", "-d", "-W", "10");
		this.events.awaitSubscribed("kiosk", "screens/#");
		assertThat(this.mosquitto.sub("-V", "mqttv5", "-i", "kiosk", "-t", "screens/#", "-E").awaitExit()).isZero();
		first.awaitExit();
		assertThat(first.outputText()).contains("Received DISCONNECT (142)");
		assertThat(this.events.awaitDisconnected("kiosk")).isEqualTo(DisconnectReason.SESSION_TAKEN_OVER);

		MosquittoProcess evicted = this.mosquitto.sub("-V", "mqttv5", "-i", "evicted", "-t", "screens/#", "-d", "-W",
				"10");
		this.events.awaitSubscribed("evicted", "screens/#");
		assertThat(this.broker.disconnectIf((client) -> client.clientId().equals("evicted"))).isOne();
		evicted.awaitExit();
		assertThat(evicted.outputText()).contains("Received DISCONNECT (152)");
	}

	@Test
	void utf8PayloadArrivesByteForByte() {
		byte[] text = "我发送消息了".getBytes(StandardCharsets.UTF_8);
		MosquittoProcess sub = this.mosquitto.sub("-V", "mqttv5", "-i", "chat5", "-t", "chat/#", "-N", "-C", "1", "-W",
				"10");
		this.events.awaitSubscribed("chat5", "chat/#");
		MosquittoProcess pub = this.mosquitto.pubWithMessageBytes(text, "-V", "mqttv5", "-t", "chat/zh", "-q", "1",
				"-D", "publish", "payload-format-indicator", "1");
		assertThat(pub.awaitExit()).as(pub.toString()).isZero();
		assertThat(sub.awaitExit()).as(sub.toString()).isZero();
		assertThat(sub.output()).isEqualTo(text);
	}

	@ParameterizedTest(name = "-V {0}")
	@ValueSource(strings = { "mqttv311", "mqttv5" })
	void tlsListenerServesClientsThatTrustItsCa(String version) {
		String port = Integer.toString(this.broker.port("tls"));
		String ca = certificates.caPem().toString();
		MosquittoProcess sub = this.mosquitto.sub("-p", port, "--cafile", ca, "-V", version, "-i", "tls-sub", "-t",
				"secure/#", "-v", "-C", "1", "-W", "10");
		this.events.awaitSubscribed("tls-sub", "secure/#");
		MosquittoProcess pub = this.mosquitto.pub("-p", port, "--cafile", ca, "-V", version, "-i", "tls-pub", "-t",
				"secure/door", "-m", "locked", "-q", "1");
		assertThat(pub.awaitExit()).as(pub.toString()).isZero();
		assertThat(sub.awaitExit()).as(sub.toString()).isZero();
		assertThat(sub.messages()).containsExactly("secure/door locked");
		assertThat(this.events.awaitConnected("tls-pub").client().protocolVersion())
			.isEqualTo("mqttv5".equals(version) ? 5 : 4);
	}

	@ParameterizedTest(name = "-V {0}")
	@ValueSource(strings = { "mqttv311", "mqttv5" })
	void tlsClientThatTrustsAnotherCaIsRefused(String version) {
		MosquittoProcess pub = this.mosquitto.pub("-p", Integer.toString(this.broker.port("tls")), "--cafile",
				otherCertificates.caPem().toString(), "-V", version, "-i", "wrong-ca", "-t", "secure/door", "-m", "x");
		assertThat(pub.awaitExit()).as(pub.toString()).isNotZero();
		assertThat(pub.errors()).contains("A TLS error occurred");
		assertThat(this.events.connections("wrong-ca")).isEmpty();
	}

	/**
	 * Starts a subscriber whose will waits {@code delay} seconds; returns once it
	 * subscribed.
	 */
	private MosquittoProcess subscribeWithDelayedWill(String clientId, int sessionExpiry, int delay) {
		MosquittoProcess process = this.mosquitto.sub("-V", "mqttv5", "-i", clientId, "-x", "" + sessionExpiry, "-t",
				"orders/#", "--will-topic", "wills/" + clientId, "--will-payload", clientId + " went away",
				"--will-qos", "1", "-D", "will", "will-delay-interval", "" + delay);
		this.events.awaitSubscribed(clientId, "orders/#");
		return process;
	}

	/** Connects a Paho client that subscribes at QoS 2 and collects what arrives. */
	private Inbox watch(String topicFilter) throws MqttException {
		this.watcher = this.brokerExtension.paho("paho-watcher");
		Inbox inbox = new Inbox();
		this.watcher.subscribe(topicFilter, 2, inbox);
		return inbox;
	}

}
