package dev.mqttstack.admin.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperty;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.mqttstack.admin.ApiClient;
import dev.mqttstack.admin.cluster.ClusterNodes.Node;
import dev.mqttstack.broker.testsupport.HiveMqClients;
import dev.mqttstack.broker.testsupport.MosquittoClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Three admin-service nodes on loopback act as one broker: real clients on different
 * nodes, one PostgreSQL, Hazelcast between them.
 */
class ClusterTests {

	private static final String USER = "cl-user";

	private static final String PASSWORD = "cl-secret";

	private static ClusterNodes cluster;

	private final List<Mqtt5AsyncClient> clients = new CopyOnWriteArrayList<>();

	/**
	 * Three whole services (and on first use the test PostgreSQL) start in about 15 s on
	 * a quiet machine; the default 60 s per method is too tight on a shared CI host.
	 */
	@BeforeAll
	@Timeout(value = 3, unit = TimeUnit.MINUTES)
	static void startThreeNodes() {
		cluster = ClusterNodes.start(3);
		ApiClient api = cluster.node(0).api();
		assertThat(
				api.post("/api/v1/users", "{\"username\":\"" + USER + "\",\"password\":\"" + PASSWORD + "\"}").status())
			.isEqualTo(201);
		assertThat(api.post("/api/v1/acl-rules", """
				{"username":"cl-user","topic":"cl/#","action":"all","permission":"allow"}""").status()).isEqualTo(201);
	}

	@AfterAll
	static void stopNodes() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@AfterEach
	void disconnectClients() {
		for (Mqtt5AsyncClient client : this.clients) {
			if (client.getState().isConnected()) {
				client.disconnect().orTimeout(5, TimeUnit.SECONDS).exceptionally((ex) -> null).join();
			}
		}
	}

	@Test
	void publishOnOneNodeReachesSubscribersOnTheOthersWithItsQosRetainFlagAndProperties() {
		Map<String, List<Mqtt5Publish>> received = new ConcurrentHashMap<>();
		for (int i = 1; i <= 2; i++) {
			String name = "props-sub-" + i;
			connect(cluster.node(i), name).subscribeWith()
				.topicFilter("cl/props/#")
				.qos(MqttQos.EXACTLY_ONCE)
				.retainAsPublished(true)
				.callback(
						(publish) -> received.computeIfAbsent(name, (key) -> new CopyOnWriteArrayList<>()).add(publish))
				.send()
				.join();
		}
		awaitRoutes("cl/props/#", 1, 2);
		Mqtt5AsyncClient publisher = connect(cluster.node(0), "props-pub");
		for (int qos = 0; qos <= 2; qos++) {
			publisher.publishWith()
				.topic("cl/props/q" + qos)
				.qos(MqttQos.fromCode(qos))
				.retain(qos == 2)
				.payload(("payload-" + qos).getBytes(StandardCharsets.UTF_8))
				.contentType("text/plain")
				.responseTopic("cl/reply")
				.correlationData("corr".getBytes(StandardCharsets.UTF_8))
				.payloadFormatIndicator(Mqtt5PayloadFormatIndicator.UTF_8)
				.messageExpiryInterval(600)
				.userProperties()
				.add("origin", "node-0")
				.add("origin", "again")
				.applyUserProperties()
				.send()
				.join();
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> received.size() == 2 && received.values().stream().allMatch((list) -> list.size() >= 3));
		for (List<Mqtt5Publish> messages : received.values()) {
			assertThat(messages).extracting((publish) -> publish.getTopic().toString())
				.containsExactly("cl/props/q0", "cl/props/q1", "cl/props/q2");
			assertThat(messages).extracting((publish) -> publish.getQos().getCode()).containsExactly(0, 1, 2);
			assertThat(messages).extracting(Mqtt5Publish::isRetain).containsExactly(false, false, true);
			for (Mqtt5Publish publish : messages) {
				assertThat(publish.getContentType())
					.hasValueSatisfying((type) -> assertThat(type).hasToString("text/plain"));
				assertThat(publish.getResponseTopic())
					.hasValueSatisfying((topic) -> assertThat(topic).hasToString("cl/reply"));
				assertThat(StandardCharsets.UTF_8.decode(publish.getCorrelationData().orElseThrow()).toString())
					.isEqualTo("corr");
				assertThat(publish.getPayloadFormatIndicator()).contains(Mqtt5PayloadFormatIndicator.UTF_8);
				assertThat(publish.getMessageExpiryInterval().getAsLong()).isBetween(590L, 600L);
				assertThat(publish.getUserProperties().asList()).extracting(Mqtt5UserProperty::getValue)
					.extracting(Object::toString)
					.containsExactly("node-0", "again");
			}
		}
		publisher.publishWith().topic("cl/props/q2").retain(true).qos(MqttQos.AT_LEAST_ONCE).send().join();
	}

	@Test
	void messagesOfOnePublisherArriveOnOtherNodesInOrderAndOnceEach() {
		int count = 600;
		Map<Integer, List<String>> received = new ConcurrentHashMap<>();
		for (int i = 1; i <= 2; i++) {
			List<String> inbox = received.computeIfAbsent(i, (key) -> new CopyOnWriteArrayList<>());
			connect(cluster.node(i), "order-sub-" + i).subscribeWith()
				.topicFilter("cl/order")
				.qos(MqttQos.EXACTLY_ONCE)
				.callback((publish) -> inbox.add(new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8)))
				.send()
				.join();
		}
		awaitRoutes("cl/order", 1, 2);
		Mqtt5AsyncClient publisher = connect(cluster.node(0), "order-pub");
		List<CompletableFuture<?>> sent = new ArrayList<>();
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			// QoS 1 and 2 only: the MQTT order guarantee covers one QoS at a time, and
			// QoS 0 may
			// overtake; here every message is in flight on one connection
			sent.add(publisher.publishWith()
				.topic("cl/order")
				.qos((i % 2 == 0) ? MqttQos.AT_LEAST_ONCE : MqttQos.EXACTLY_ONCE)
				.payload(Integer.toString(i).getBytes(StandardCharsets.UTF_8))
				.send());
			expected.add(Integer.toString(i));
		}
		CompletableFuture.allOf(sent.toArray(new CompletableFuture[0])).join();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> received.values().stream().allMatch((inbox) -> inbox.size() >= count));
		assertThat(received.get(1)).containsExactlyElementsOf(expected);
		assertThat(received.get(2)).containsExactlyElementsOf(expected);
	}

	@Test
	void mosquittoSubOnOneNodeGetsMosquittoPubOnAnotherAtEveryQos() throws Exception {
		String pub = MosquittoClients.require("mosquitto_pub");
		String sub = MosquittoClients.require("mosquitto_sub");
		Node subscriberNode = cluster.node(2);
		Node publisherNode = cluster.node(1);
		Process subscriber = new ProcessBuilder("stdbuf", "-oL", sub, "-h", "127.0.0.1", "-p",
				Integer.toString(subscriberNode.mqttPort()), "-i", "mosq-sub", "-u", USER, "-P", PASSWORD, "-t",
				"cl/mosq/#", "-q", "2", "-v", "-C", "3", "-W", "30")
			.redirectErrorStream(true)
			.start();
		try {
			await().atMost(Duration.ofSeconds(15)).until(() -> publisherNode.seesRoute(subscriberNode, "cl/mosq/#"));
			for (int qos = 0; qos <= 2; qos++) {
				Process publish = new ProcessBuilder(pub, "-h", "127.0.0.1", "-p",
						Integer.toString(publisherNode.mqttPort()), "-i", "mosq-pub", "-u", USER, "-P", PASSWORD, "-q",
						Integer.toString(qos), "-t", "cl/mosq/q" + qos, "-m", "m" + qos)
					.redirectErrorStream(true)
					.start();
				assertThat(publish.waitFor(15, TimeUnit.SECONDS)).isTrue();
				assertThat(publish.exitValue()).isZero();
			}
			assertThat(subscriber.waitFor(30, TimeUnit.SECONDS)).isTrue();
			String output = new String(subscriber.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(output.lines()).containsExactly("cl/mosq/q0 m0", "cl/mosq/q1 m1", "cl/mosq/q2 m2");
		}
		finally {
			subscriber.destroyForcibly();
		}
	}

	@Test
	void sharedSubscriptionSpanningNodesDeliversEachOfTenThousandMessagesToOneMember() {
		int count = 10_000;
		String filter = "$share/workers/cl/jobs/#";
		Map<String, AtomicInteger> perMember = new ConcurrentHashMap<>();
		Map<String, AtomicInteger> perMessage = new ConcurrentHashMap<>();
		AtomicInteger total = new AtomicInteger();
		for (int i = 0; i < 3; i++) {
			String member = "worker-" + i;
			AtomicInteger mine = perMember.computeIfAbsent(member, (key) -> new AtomicInteger());
			connect(cluster.node(i), member).subscribeWith()
				.topicFilter(filter)
				.qos(MqttQos.AT_LEAST_ONCE)
				.callback((publish) -> {
					mine.incrementAndGet();
					perMessage
						.computeIfAbsent(new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8),
								(key) -> new AtomicInteger())
						.incrementAndGet();
					total.incrementAndGet();
				})
				.send()
				.join();
		}
		awaitRoutes(filter, 1, 2);
		Mqtt5AsyncClient publisher = connect(cluster.node(0), "jobs-pub");
		List<CompletableFuture<?>> sent = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			sent.add(publisher.publishWith()
				.topic("cl/jobs/" + (i % 7))
				.qos(MqttQos.AT_LEAST_ONCE)
				.payload(Integer.toString(i).getBytes(StandardCharsets.UTF_8))
				.send());
		}
		CompletableFuture.allOf(sent.toArray(new CompletableFuture[0])).join();
		await().atMost(Duration.ofSeconds(30)).until(() -> total.get() >= count);
		assertThat(perMessage).hasSize(count);
		assertThat(perMessage.values()).allSatisfy((deliveries) -> assertThat(deliveries).hasValue(1));
		assertThat(total).hasValue(count);
		assertThat(perMember.values()).allSatisfy((mine) -> assertThat(mine.get()).isGreaterThan(count / 10));
	}

	@Test
	void aclChangeOnOneNodeDeniesTheNextPublishOnAnotherWithinOneSecond() {
		Node nodeA = cluster.node(0);
		Node nodeC = cluster.node(2);
		assertThat(nodeA.api().post("/api/v1/users", """
				{"username":"cl-acl","password":"acl-secret"}""").status()).isEqualTo(201);
		assertThat(nodeA.api().post("/api/v1/acl-rules", """
				{"username":"cl-acl","topic":"acl/#","action":"all","permission":"allow"}""").status()).isEqualTo(201);
		Mqtt5AsyncClient client = connect(nodeC, "acl-client", "cl-acl", "acl-secret");
		await().atMost(Duration.ofSeconds(1))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> publishDenied(client) == null);
		assertThat(nodeA.api().post("/api/v1/acl-rules", """
				{"username":"cl-acl","topic":"acl/#","action":"publish","permission":"deny","priority":10}""").status())
			.isEqualTo(201);
		await().atMost(Duration.ofSeconds(1))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> publishDenied(client) == Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
	}

	@Test
	void userDisabledOnOneNodeIsDisconnectedOnAnotherWithinOneSecond() {
		Node nodeA = cluster.node(0);
		assertThat(nodeA.api().post("/api/v1/users", """
				{"username":"cl-disabled","password":"dis-secret"}""").status()).isEqualTo(201);
		Mqtt5AsyncClient client = connect(cluster.node(2), "disabled-client", "cl-disabled", "dis-secret");

		assertThat(nodeA.api().patch("/api/v1/users/cl-disabled", """
				{"enabled":false}""").status()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(1)).until(() -> !client.getState().isConnected());
	}

	@Test
	void clientIdConnectingOnAnotherNodeTakesTheSessionOver() {
		AtomicReference<Throwable> cause = new AtomicReference<>();
		connect(cluster.node(0), "cl-owner", cause);
		connect(cluster.node(1), "cl-owner");
		await().atMost(Duration.ofSeconds(10)).until(() -> cause.get() != null);
		assertThat(cause.get()).isInstanceOfSatisfying(Mqtt5DisconnectException.class,
				(ex) -> assertThat(ex.getMqttMessage().getReasonCode())
					.isEqualTo(Mqtt5DisconnectReasonCode.SESSION_TAKEN_OVER));
	}

	@Test
	void kickByClientIdReachesTheNodeThatHoldsTheClient() {
		AtomicReference<Throwable> cause = new AtomicReference<>();
		connect(cluster.node(2), "cl-kicked", cause);
		// the owner is recorded just after CONNACK: asked until a node holds the client
		await().atMost(Duration.ofSeconds(10)).until(() -> cluster.node(0).cluster().kick("cl-kicked").join());
		await().atMost(Duration.ofSeconds(10)).until(() -> cause.get() != null);
		assertThat(cause.get()).isInstanceOfSatisfying(Mqtt5DisconnectException.class,
				(ex) -> assertThat(ex.getMqttMessage().getReasonCode())
					.isEqualTo(Mqtt5DisconnectReasonCode.ADMINISTRATIVE_ACTION));
		assertThat(cluster.node(0).cluster().kick("cl-nobody").join()).isFalse();
	}

	@Test
	void actuatorInfoOfEveryNodeListsTheThreeMembers() {
		for (Node node : cluster.nodes()) {
			ApiClient.Response info = node.api().get("/actuator/info");
			assertThat(info.status()).isEqualTo(200);
			assertThat(info.json().get("cluster").get("node").asString()).isEqualTo(node.cluster().nodeId());
			assertThat(info.json().get("cluster").get("members")).hasSize(3);
		}
	}

	/** The PUBACK reason of a QoS 1 publish: {@code null} when it was accepted. */
	private static Mqtt5PubAckReasonCode publishDenied(Mqtt5AsyncClient client) {
		Throwable failure = catchThrowable(() -> client.publishWith()
			.topic("acl/x")
			.qos(MqttQos.AT_LEAST_ONCE)
			.payload("x".getBytes(StandardCharsets.UTF_8))
			.send()
			.join());
		if (failure == null) {
			return null;
		}
		Throwable cause = (failure.getCause() != null) ? failure.getCause() : failure;
		assertThat(cause).isInstanceOf(Mqtt5PubAckException.class);
		return ((Mqtt5PubAckException) cause).getMqttMessage().getReasonCode();
	}

	private void awaitRoutes(String filter, int... nodes) {
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			for (Node observer : cluster.nodes()) {
				for (int index : nodes) {
					Node holder = cluster.node(index);
					if (observer != holder && !observer.seesRoute(holder, filter)) {
						return false;
					}
				}
			}
			return true;
		});
	}

	private Mqtt5AsyncClient connect(Node node, String clientId) {
		return connect(node, clientId, USER, PASSWORD);
	}

	private Mqtt5AsyncClient connect(Node node, String clientId, String username, String password) {
		return connect(node, clientId, username, password, new AtomicReference<>());
	}

	/**
	 * Connects, recording in {@code disconnectCause} why the broker ends the connection.
	 */
	private Mqtt5AsyncClient connect(Node node, String clientId, AtomicReference<Throwable> disconnectCause) {
		return connect(node, clientId, USER, PASSWORD, disconnectCause);
	}

	private Mqtt5AsyncClient connect(Node node, String clientId, String username, String password,
			AtomicReference<Throwable> disconnectCause) {
		Mqtt5AsyncClient client = HiveMqClients.mqtt5Builder(node.mqttPort(), clientId)
			.simpleAuth()
			.username(username)
			.password(password.getBytes(StandardCharsets.UTF_8))
			.applySimpleAuth()
			.addDisconnectedListener((context) -> disconnectCause.set(context.getCause()))
			.buildAsync();
		client.connect().orTimeout(10, TimeUnit.SECONDS).join();
		this.clients.add(client);
		return client;
	}

}
