package dev.mqttstack.admin.stats;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.mqttstack.admin.AdminServiceTest;
import dev.mqttstack.admin.ApiClient;
import dev.mqttstack.admin.PahoClients;
import dev.mqttstack.admin.PahoClients.Client;
import dev.mqttstack.broker.MqttBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /api/v1/stats} while real Paho clients connect, subscribe and publish: the
 * counts follow them and the rates rise while messages flow.
 */
@AdminServiceTest
class StatsApiTests {

	private static final String PASSWORD = "stats-pw";

	@LocalServerPort
	private int httpPort;

	@Autowired
	private MqttBroker broker;

	private ApiClient anonymous;

	private ApiClient api;

	@BeforeEach
	void setUp() {
		this.anonymous = ApiClient.on(this.httpPort);
		this.api = this.anonymous.asAdmin();
		this.api.post("/api/v1/users",
				"{\"username\":\"stats-user\",\"password\":\"" + PASSWORD + "\",\"superuser\":true}");
	}

	@Test
	void countsFollowClientsSubscriptionsAndRetainedMessages() throws Exception {
		JsonNode before = stats();
		assertThat(before.get("running").asBoolean()).isTrue();
		assertThat(before.get("version").asString()).isEqualTo(MqttBroker.VERSION);
		try (Client persistent = PahoClients.connect(this.broker.port(), "stats-persistent", "stats-user", PASSWORD,
				false); Client publisher = connect("stats-publisher")) {
			persistent.subscribe("stats1/#", 1);
			persistent.subscribe("stats1b/#", 0);
			publisher.publish("stats1/kept", bytes("retained"), 1, true);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				JsonNode now = stats();
				assertThat(delta(now, before, "connections")).isEqualTo(2);
				assertThat(delta(now, before, "sessions")).isEqualTo(2);
				assertThat(delta(now, before, "subscriptions")).isEqualTo(2);
				assertThat(delta(now, before, "retainedMessages")).isEqualTo(1);
				assertThat(delta(now, before, "messagesReceived")).isGreaterThanOrEqualTo(1);
				assertThat(delta(now, before, "messagesSent")).isGreaterThanOrEqualTo(1);
				assertThat(delta(now, before, "bytesReceived")).isPositive();
				assertThat(delta(now, before, "bytesSent")).isPositive();
			});
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			JsonNode now = stats();
			assertThat(delta(now, before, "connections")).isZero();
			assertThat(delta(now, before, "sessions")).as("the persistent session stays").isEqualTo(1);
			assertThat(delta(now, before, "offlineSessions")).isEqualTo(1);
		});
		this.api.delete("/api/v1/sessions/stats-persistent");
		this.api.delete("/api/v1/retained?topic={topic}", "stats1/#");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			JsonNode now = stats();
			assertThat(delta(now, before, "sessions")).isZero();
			assertThat(delta(now, before, "subscriptions")).isZero();
			assertThat(delta(now, before, "retainedMessages")).isZero();
		});
	}

	@Test
	void ratesRiseWhileMessagesFlowAndFallWhenTheyStop() throws Exception {
		try (Client subscriber = connect("stats-rate-sub"); Client publisher = connect("stats-rate-pub")) {
			subscriber.subscribe("stats2/#", 0);
			byte[] payload = bytes("x".repeat(100));
			await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
				for (int i = 0; i < 20; i++) {
					publisher.publish("stats2/rate", payload, 0, false);
				}
				JsonNode rates = stats().get("rates");
				return rates.get("messagesInPerSecond").asDouble() >= 20
						&& rates.get("messagesOutPerSecond").asDouble() >= 20
						&& rates.get("bytesInPerSecond").asDouble() >= 20 * 100
						&& rates.get("bytesOutPerSecond").asDouble() >= 20 * 100;
			});
			JsonNode rates = stats().get("rates");
			assertThat(rates.get("intervalSeconds").asDouble()).isBetween(0.5, 3.0);
		}
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(stats().get("rates").get("messagesInPerSecond").asDouble()).isZero());
	}

	@Test
	void viewersReadTheStatisticsAndAnonymousCallersDoNot() {
		this.api.post("/api/v1/admins", """
				{"username":"stats-viewer","password":"viewer-password","role":"VIEWER"}""");
		ApiClient viewer = this.anonymous.as("stats-viewer", "viewer-password");
		assertThat(viewer.get("/api/v1/stats").status()).isEqualTo(200);
		assertThat(viewer.get("/api/v1/stats").json().get("running").asBoolean()).isTrue();
		assertThat(this.anonymous.get("/api/v1/stats").status()).isEqualTo(401);
	}

	private JsonNode stats() {
		return this.api.get("/api/v1/stats").json();
	}

	private static long delta(JsonNode now, JsonNode before, String field) {
		return now.get(field).asLong() - before.get(field).asLong();
	}

	private Client connect(String clientId) throws Exception {
		return PahoClients.connect(this.broker.port(), clientId, "stats-user", PASSWORD);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
