package dev.mqttstack.broker.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.store.InMemorySessionStore;
import dev.mqttstack.broker.testsupport.HiveMqClients;
import dev.mqttstack.broker.testsupport.TestBrokers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cluster seam of one broker, with a recording {@link Cluster} in place of an engine:
 * what the broker announces and how messages and requests from other nodes enter it.
 */
class ClusterSeamTests {

	private final RecordingCluster cluster = new RecordingCluster();

	private final MqttBroker broker = TestBrokers.builder().cluster(this.cluster).build();

	private final List<Mqtt5AsyncClient> clients = new CopyOnWriteArrayList<>();

	@AfterEach
	void stop() {
		this.clients.forEach((client) -> client.disconnect().exceptionally((ex) -> null));
		this.broker.stop();
	}

	@Test
	void routeTableHoldsACountPerFilterNotAnEntryPerSession() {
		this.broker.start();
		Mqtt5AsyncClient first = connect("route-1");
		Mqtt5AsyncClient second = connect("route-2");
		first.subscribeWith().topicFilter("r/#").qos(MqttQos.AT_LEAST_ONCE).callback((publish) -> {
		}).send().join();
		second.subscribeWith().topicFilter("r/#").qos(MqttQos.AT_LEAST_ONCE).callback((publish) -> {
		}).send().join();
		second.subscribeWith().topicFilter("$share/g/r/#").callback((publish) -> {
		}).send().join();
		first.subscribeWith().topicFilter("$share/g/r/#").callback((publish) -> {
		}).send().join();
		first.unsubscribeWith().topicFilter("r/#").send().join();
		second.unsubscribeWith().topicFilter("r/#").send().join();

		assertThat(this.cluster.routes).containsExactly("r/#=1", "r/#=2", "$share/g/r/#=1", "r/#=1", "r/#=0");
	}

	@Test
	void forwardedMessageReachesEachMatchingLocalSubscriberOnceAndIsNotRetainedAgain() {
		this.broker.start();
		List<String> received = new CopyOnWriteArrayList<>();
		Mqtt5AsyncClient subscriber = connect("fwd-sub");
		// one global callback: the HiveMQ client would run each matching subscription's
		// own
		subscriber.publishes(MqttGlobalPublishFilter.ALL,
				(publish) -> received.add(publish.getTopic() + " qos" + publish.getQos().getCode() + " "
						+ publish.isRetain() + " " + new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8)));
		for (String filter : List.of("f/#", "f/+")) {
			subscriber.subscribeWith()
				.topicFilter(filter)
				.qos(MqttQos.EXACTLY_ONCE)
				.retainAsPublished(true)
				.send()
				.join();
		}

		int delivered = this.cluster.local.deliver(new Forwarded(Message.of("f/x", "from-b", 2, true), true, Set.of()));
		await().atMost(Duration.ofSeconds(5)).until(() -> !received.isEmpty());

		assertThat(delivered).isEqualTo(1);
		assertThat(received).containsExactly("f/x qos2 true from-b");
		assertThat(this.broker.retained("#")).isEmpty();
		assertThat(this.cluster.forwarded).isEmpty();
	}

	@Test
	void messagePublishedHereIsOfferedToTheClusterOnceAndPublisherCountsForwardedNodes() {
		this.broker.start();
		this.cluster.remoteNodes = 1;
		Mqtt5AsyncClient publisher = connect("fwd-pub");

		Mqtt5PublishResult result = publisher.publishWith()
			.topic("o/x")
			.qos(MqttQos.AT_LEAST_ONCE)
			.payload("p".getBytes(StandardCharsets.UTF_8))
			.send()
			.join();

		assertThat(this.cluster.forwarded).extracting(Message::topic).containsExactly("o/x");
		assertThat(((Mqtt5PublishResult.Mqtt5Qos1Result) result).getPubAck().getReasonCode())
			.as("forwarded to a node, so not 'no matching subscribers'")
			.isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
	}

	@Test
	void takeOverFromAnotherNodeClosesTheLocalClientWithSessionTakenOver() {
		this.broker.start();
		AtomicReference<Throwable> cause = new AtomicReference<>();
		Mqtt5AsyncClient client = HiveMqClients.mqtt5Builder(this.broker.port(), "owned")
			.addDisconnectedListener((context) -> cause.set(context.getCause()))
			.buildAsync();
		client.connect().join();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.cluster.opened.contains("owned"));

		assertThat(this.cluster.local.takeOver("owned")).isTrue();

		await().atMost(Duration.ofSeconds(5)).until(() -> cause.get() != null);
		assertThat(cause.get()).isInstanceOfSatisfying(Mqtt5DisconnectException.class,
				(ex) -> assertThat(ex.getMqttMessage().getReasonCode())
					.isEqualTo(Mqtt5DisconnectReasonCode.SESSION_TAKEN_OVER));
		assertThat(this.broker.hasSession("owned")).isFalse();
		assertThat(this.cluster.closed).doesNotContain("owned");
	}

	@Test
	void storedSessionAnotherNodeHoldsIsNotRestoredHere() {
		InMemorySessionStore store = new InMemorySessionStore();
		MqttBroker first = TestBrokers.builder().sessionStore(store).build();
		first.start();
		try {
			Mqtt5AsyncClient client = HiveMqClients.mqtt5Builder(first.port(), "stored").buildAsync();
			client.connectWith().cleanStart(false).sessionExpiryInterval(3600).send().join();
			client.subscribeWith().topicFilter("s/#").qos(MqttQos.AT_LEAST_ONCE).send().join();
			client.disconnect().join();
		}
		finally {
			first.stop();
		}
		RecordingCluster claimedElsewhere = new RecordingCluster();
		claimedElsewhere.claimable = false;
		MqttBroker second = TestBrokers.builder().sessionStore(store).cluster(claimedElsewhere).build();
		MqttBroker third = TestBrokers.builder().sessionStore(store).cluster(new RecordingCluster()).build();
		second.start();
		third.start();
		try {
			assertThat(second.hasSession("stored")).isFalse();
			assertThat(claimedElsewhere.routes).isEmpty();
			assertThat(third.hasSession("stored")).isTrue();
		}
		finally {
			second.stop();
			third.stop();
		}
	}

	@Test
	void singleNodeKickDisconnectsTheLocalClient() {
		Cluster single = Cluster.singleNode();
		MqttBroker alone = TestBrokers.builder().cluster(single).build();
		alone.start();
		try {
			Mqtt5AsyncClient client = HiveMqClients.mqtt5Builder(alone.port(), "alone").buildAsync();
			client.connect().join();

			assertThat(single.kick("alone").join()).isTrue();
			assertThat(single.kick("nobody").join()).isFalse();
			await().atMost(Duration.ofSeconds(5)).until(() -> !client.getState().isConnected());
		}
		finally {
			alone.stop();
		}
	}

	private Mqtt5AsyncClient connect(String clientId) {
		Mqtt5AsyncClient client = HiveMqClients.mqtt5Builder(this.broker.port(), clientId).buildAsync();
		client.connect().join();
		this.clients.add(client);
		return client;
	}

	/** A cluster that records what the broker tells it. */
	private static final class RecordingCluster implements Cluster {

		final List<String> routes = new CopyOnWriteArrayList<>();

		final List<Message> forwarded = new CopyOnWriteArrayList<>();

		final List<String> opened = new CopyOnWriteArrayList<>();

		final List<String> closed = new CopyOnWriteArrayList<>();

		volatile int remoteNodes;

		volatile boolean claimable = true;

		volatile LocalNode local;

		@Override
		public void start(LocalNode local) {
			this.local = local;
		}

		@Override
		public void stop() {
		}

		@Override
		public void routeChanged(String topicFilter, int count) {
			this.routes.add(topicFilter + "=" + count);
		}

		@Override
		public RoutePlan forward(Message message) {
			if (this.remoteNodes == 0) {
				return RoutePlan.LOCAL_ONLY;
			}
			this.forwarded.add(message);
			return new RoutePlan(Map.of("b", new Forwarded(message, true, Set.of())), LocalShare.ALL);
		}

		@Override
		public void sessionOpened(String clientId) {
			this.opened.add(clientId);
		}

		@Override
		public boolean sessionRestored(String clientId) {
			return this.claimable;
		}

		@Override
		public void sessionClosed(String clientId) {
			this.closed.add(clientId);
		}

		@Override
		public CompletableFuture<Boolean> kick(String clientId) {
			return CompletableFuture.completedFuture(false);
		}

	}

}
