package dev.mqttstack.admin.persistence;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Persistent sessions, their queued and in-flight messages and retained messages survive
 * the service killed with SIGKILL and a graceful stop: the service runs as a child JVM on
 * a database of its own, real Paho clients publish, and every QoS 1 message arrives at
 * least once and every QoS 2 message exactly once after the restart, message by message.
 */
class DurableSessionsRestartTests {

	private static final int COUNT = 300;

	private static final int IN_FLIGHT = 15;

	private final String databaseUrl = TestDatabases.create();

	private ServiceProcess service;

	@AfterEach
	void stopService() {
		if (this.service != null) {
			this.service.close();
		}
	}

	@Test
	void acknowledgedMessagesToOfflineAndInflightSessionsSurviveSigkillAndGracefulStop() throws Exception {
		this.service = ServiceProcess.start(this.databaseUrl);
		subscribeAndLeave("offline-q1", "durable/q1", 1);
		subscribeAndLeave("offline-q2", "durable/q2", 2);
		DurableClient holding = DurableClient.connect(this.service.mqttPort(), "inflight-q1", false, true);
		holding.subscribe("durable/inflight", 1);
		try (DurableClient publisher = DurableClient.connect(this.service.mqttPort(), "publisher", true, false)) {
			publisher.publishAll("durable/q1", "one-", COUNT, 1);
			publisher.publishAll("durable/q2", "two-", COUNT, 2);
			publisher.publishAll("durable/inflight", "held-", IN_FLIGHT, 1);
			publisher.publish("durable/retained", "kept", 1, true).waitForCompletion(10_000);
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> holding.total() == IN_FLIGHT);

		this.service.kill();
		holding.close();
		this.service = ServiceProcess.start(this.databaseUrl);

		try (DurableClient q1 = DurableClient.connect(this.service.mqttPort(), "offline-q1", false, false);
				DurableClient q2 = DurableClient.connect(this.service.mqttPort(), "offline-q2", false, false);
				DurableClient inflight = DurableClient.connect(this.service.mqttPort(), "inflight-q1", false, false);
				DurableClient late = DurableClient.connect(this.service.mqttPort(), "late", true, false)) {
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(
						() -> assertThat(IntStream.range(0, COUNT).filter((i) -> q1.count("one-" + i) == 0)).isEmpty());
			await().atMost(Duration.ofSeconds(30)).until(() -> q2.total() >= COUNT);
			assertThat(IntStream.range(0, COUNT).filter((i) -> q2.count("two-" + i) != 1)).isEmpty();
			assertThat(q2.total()).isEqualTo(COUNT);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(
						() -> assertThat(IntStream.range(0, IN_FLIGHT).filter((i) -> inflight.count("held-" + i) == 0))
							.isEmpty());
			assertThat(inflight.duplicates()).as("in-flight messages are re-sent with DUP").isPositive();
			late.subscribe("durable/retained", 1);
			await().atMost(Duration.ofSeconds(10)).until(() -> late.count("kept") == 1);
			q1.disconnect();
		}

		try (DurableClient publisher = DurableClient.connect(this.service.mqttPort(), "publisher", true, false)) {
			publisher.publishAll("durable/q1", "after-", COUNT, 1);
		}
		this.service.stop();
		this.service = ServiceProcess.start(this.databaseUrl);
		try (DurableClient q1 = DurableClient.connect(this.service.mqttPort(), "offline-q1", false, false)) {
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(IntStream.range(0, COUNT).filter((i) -> q1.count("after-" + i) == 0))
					.isEmpty());
			assertThat(IntStream.range(0, COUNT).filter((i) -> q1.count("one-" + i) > 0))
				.as("messages delivered and acknowledged before are not sent again")
				.isEmpty();
		}
	}

	private void subscribeAndLeave(String clientId, String filter, int qos) throws Exception {
		try (DurableClient client = DurableClient.connect(this.service.mqttPort(), clientId, false, false)) {
			client.subscribe(filter, qos);
		}
	}

}
