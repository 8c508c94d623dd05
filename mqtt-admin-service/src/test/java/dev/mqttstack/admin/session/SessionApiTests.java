package dev.mqttstack.admin.session;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5RetainHandling;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.mqttstack.admin.AdminServiceTest;
import dev.mqttstack.admin.ApiClient;
import dev.mqttstack.admin.ApiClient.Response;
import dev.mqttstack.admin.PahoClients;
import dev.mqttstack.admin.PahoClients.Client;
import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.testsupport.HiveMqClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sessions API against the hosted broker with real Paho (MQTT 3.1.1) and HiveMQ (MQTT
 * 5) clients: what it shows matches what was sent, message by message.
 */
@AdminServiceTest
class SessionApiTests {

	private static final String PASSWORD = "session-pw";

	@LocalServerPort
	private int httpPort;

	@Autowired
	private MqttBroker broker;

	private ApiClient anonymous;

	private ApiClient api;

	private int mqttPort;

	@BeforeEach
	void setUp() {
		this.anonymous = ApiClient.on(this.httpPort);
		this.api = this.anonymous.asAdmin();
		this.mqttPort = this.broker.port();
		this.api.post("/api/v1/users",
				"{\"username\":\"sess-user\",\"password\":\"" + PASSWORD + "\",\"superuser\":true}");
	}

	@Test
	void offlineSessionShowsItsQueueAndDeleteDiscardsItWithEveryMessage() throws Exception {
		Instant before = Instant.now();
		try (Client device = connect("sess-device-1", false)) {
			assertThat(device.subscribe("sess/dev1/cmd", 1)).isEqualTo(1);
		}
		try (Client publisher = connect("sess-pub-1", true)) {
			for (int i = 0; i < 7; i++) {
				publisher.publish("sess/dev1/cmd", "command-" + i);
			}
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.api.get("/api/v1/sessions/sess-device-1").json().get("queuedMessages").asInt() == 7);
		Response response = this.api.get("/api/v1/sessions/sess-device-1");
		assertThat(response.status()).isEqualTo(200);
		JsonNode session = response.json();
		assertThat(session.get("clientId").asString()).isEqualTo("sess-device-1");
		assertThat(session.get("username").asString()).isEqualTo("sess-user");
		assertThat(session.get("connected").asBoolean()).isFalse();
		assertThat(session.get("peerAddress").asString()).startsWith("127.0.0.1:");
		assertThat(session.get("protocolVersion").asString()).isEqualTo("3.1.1");
		assertThat(session.get("cleanStart").asBoolean()).isFalse();
		assertThat(session.get("sessionExpiryInterval").asLong()).isEqualTo(-1);
		assertThat(session.get("expiresAt").isNull()).isTrue();
		assertThat(Instant.parse(session.get("connectedAt").asString())).isAfterOrEqualTo(before.minusSeconds(1));
		assertThat(Instant.parse(session.get("disconnectedAt").asString()))
			.isAfterOrEqualTo(Instant.parse(session.get("connectedAt").asString()));
		assertThat(session.get("subscriptionCount").asInt()).isEqualTo(1);
		assertThat(session.get("queuedMessages").asInt()).isEqualTo(7);
		assertThat(session.get("queuedBytes").asLong()).isEqualTo(7 * "command-0".length());
		assertThat(session.get("inflightMessages").asInt()).isZero();
		JsonNode subscription = session.get("subscriptions").get(0);
		assertThat(subscription.get("topicFilter").asString()).isEqualTo("sess/dev1/cmd");
		assertThat(subscription.get("qos").asInt()).isEqualTo(1);
		assertThat(subscription.get("noLocal").asBoolean()).isFalse();
		assertThat(subscription.get("subscriptionIdentifier").isNull()).isTrue();

		JsonNode listed = this.api.get("/api/v1/sessions?connected=false&clientId=SESS-DEVICE-1").json();
		assertThat(listed.get("totalElements").asLong()).isEqualTo(1);
		assertThat(listed.get("content").get(0).get("queuedMessages").asInt()).isEqualTo(7);
		assertThat(listed.get("content").get(0).has("subscriptions")).as("lists leave subscriptions out").isFalse();

		assertThat(this.api.delete("/api/v1/sessions/sess-device-1").status()).isEqualTo(204);
		Response gone = this.api.get("/api/v1/sessions/sess-device-1");
		assertThat(gone.status()).isEqualTo(404);
		assertThat(gone.contentType()).startsWith("application/problem+json");
		assertThat(gone.json().get("type").asString()).isEqualTo("https://mqttstack.dev/problems/session-not-found");
		assertThat(this.api.delete("/api/v1/sessions/sess-device-1").status()).isEqualTo(404);
		try (Client device = connect("sess-device-1", false)) {
			assertThat(device.sessionPresent()).isFalse();
			assertThat(device.subscribe("sess/dev1/cmd", 1)).isEqualTo(1);
			try (Client publisher = connect("sess-pub-1", true)) {
				publisher.publish("sess/dev1/cmd", "after-delete");
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> !device.received().isEmpty());
			assertThat(device.received()).as("none of the 7 discarded messages")
				.containsExactly("sess/dev1/cmd=after-delete");
		}
		this.api.delete("/api/v1/sessions/sess-device-1");
	}

	@Test
	void disconnectKicksTheClientButKeepsItsSessionAndQueue() throws Exception {
		Client device = connect("sess-kick-1", false);
		try {
			device.subscribe("sess/kick/#", 1);
			JsonNode connected = this.api.get("/api/v1/sessions?connected=true&clientId=sess-kick-1").json();
			assertThat(connected.get("totalElements").asLong()).isEqualTo(1);
			assertThat(connected.get("content").get(0).get("disconnectedAt").isNull()).isTrue();
			assertThat(this.api.post("/api/v1/sessions/sess-kick-1/disconnect", null).status()).isEqualTo(204);
			await().atMost(Duration.ofSeconds(5)).until(() -> !device.isConnected());
		}
		finally {
			device.close();
		}
		await().atMost(Duration.ofSeconds(5))
			.until(() -> !this.api.get("/api/v1/sessions/sess-kick-1").json().get("connected").asBoolean());
		Response again = this.api.post("/api/v1/sessions/sess-kick-1/disconnect", null);
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().get("type").asString())
			.isEqualTo("https://mqttstack.dev/problems/client-not-connected");
		try (Client publisher = connect("sess-kick-pub", true)) {
			for (int i = 0; i < 4; i++) {
				publisher.publish("sess/kick/" + i, "queued-" + i);
			}
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.api.get("/api/v1/sessions/sess-kick-1").json().get("queuedMessages").asInt() == 4);
		assertThat(this.api.get("/api/v1/sessions/sess-kick-1").json().get("subscriptionCount").asInt()).isEqualTo(1);
		try (Client back = connect("sess-kick-1", false)) {
			assertThat(back.sessionPresent()).isTrue();
			await().atMost(Duration.ofSeconds(10)).until(() -> back.received().size() == 4);
			assertThat(back.received()).containsExactly("sess/kick/0=queued-0", "sess/kick/1=queued-1",
					"sess/kick/2=queued-2", "sess/kick/3=queued-3");
		}
		assertThat(this.api.delete("/api/v1/sessions/sess-kick-1").status()).isEqualTo(204);
		assertThat(this.api.post("/api/v1/sessions/sess-kick-1/disconnect", null).status()).isEqualTo(404);
	}

	@Test
	void kickedMqtt5ClientKeepsItsUnacknowledgedAndQueuedMessages() throws Exception {
		Mqtt5BlockingClient slow = mqtt5Client("sess-v5-slow");
		List<String> unacknowledged = new CopyOnWriteArrayList<>();
		slow.toAsync().publishes(MqttGlobalPublishFilter.ALL, (publish) -> unacknowledged.add(text(publish)), true);
		slow.connectWith().cleanStart(true).sessionExpiryInterval(300).send();
		slow.subscribeWith().topicFilter("sess/slow/#").qos(MqttQos.AT_LEAST_ONCE).send();
		try (Client publisher = connect("sess-slow-pub", true)) {
			for (int i = 0; i < 25; i++) {
				publisher.publish("sess/slow/x", "m-" + i);
			}
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> unacknowledged.size() == 20);
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			JsonNode session = this.api.get("/api/v1/sessions/sess-v5-slow").json();
			return session.get("inflightMessages").asInt() == 20 && session.get("queuedMessages").asInt() == 5;
		});
		assertThat(this.api.post("/api/v1/sessions/sess-v5-slow/disconnect", null).status()).isEqualTo(204);
		await().atMost(Duration.ofSeconds(5)).until(() -> !slow.getState().isConnected());
		await().atMost(Duration.ofSeconds(5))
			.until(() -> !this.api.get("/api/v1/sessions/sess-v5-slow").json().get("connected").asBoolean());
		JsonNode kicked = this.api.get("/api/v1/sessions/sess-v5-slow").json();
		assertThat(kicked.get("inflightMessages").asInt()).isEqualTo(20);
		assertThat(kicked.get("queuedMessages").asInt()).isEqualTo(5);
		assertThat(kicked.get("subscriptionCount").asInt()).isEqualTo(1);
		Mqtt5BlockingClient back = mqtt5Client("sess-v5-slow");
		List<String> received = new CopyOnWriteArrayList<>();
		back.toAsync().publishes(MqttGlobalPublishFilter.ALL, (publish) -> received.add(text(publish)));
		try {
			assertThat(back.connectWith().cleanStart(false).sessionExpiryInterval(300).send().isSessionPresent())
				.isTrue();
			await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 25);
			assertThat(received).containsExactlyElementsOf(IntStream.range(0, 25).mapToObj((i) -> "m-" + i).toList());
			await().atMost(Duration.ofSeconds(5)).until(() -> {
				JsonNode session = this.api.get("/api/v1/sessions/sess-v5-slow").json();
				return session.get("inflightMessages").asInt() == 0 && session.get("queuedMessages").asInt() == 0;
			});
		}
		finally {
			back.disconnect();
		}
		assertThat(this.api.delete("/api/v1/sessions/sess-v5-slow").status()).isEqualTo(204);
	}

	@Test
	void mqtt5SessionShowsItsExpiryAndSubscriptionOptions() {
		Mqtt5BlockingClient client = mqtt5Client("sess-v5-1");
		client.connectWith().cleanStart(true).sessionExpiryInterval(120).send();
		try {
			client.subscribeWith()
				.addSubscription()
				.topicFilter("sess/v5/#")
				.qos(MqttQos.EXACTLY_ONCE)
				.noLocal(true)
				.retainAsPublished(true)
				.retainHandling(Mqtt5RetainHandling.SEND_IF_SUBSCRIPTION_DOES_NOT_EXIST)
				.applySubscription()
				.send();
			JsonNode session = this.api.get("/api/v1/sessions/sess-v5-1").json();
			assertThat(session.get("protocolVersion").asString()).isEqualTo("5.0");
			assertThat(session.get("connected").asBoolean()).isTrue();
			assertThat(session.get("cleanStart").asBoolean()).isTrue();
			assertThat(session.get("sessionExpiryInterval").asLong()).isEqualTo(120);
			JsonNode subscription = session.get("subscriptions").get(0);
			assertThat(subscription.get("topicFilter").asString()).isEqualTo("sess/v5/#");
			assertThat(subscription.get("qos").asInt()).isEqualTo(2);
			assertThat(subscription.get("noLocal").asBoolean()).isTrue();
			assertThat(subscription.get("retainAsPublished").asBoolean()).isTrue();
			assertThat(subscription.get("retainHandling").asInt()).isEqualTo(1);
			assertThat(subscription.get("subscriptionIdentifier").asInt()).isPositive();
		}
		finally {
			client.disconnect();
		}
		await().atMost(Duration.ofSeconds(5))
			.until(() -> !this.api.get("/api/v1/sessions/sess-v5-1").json().get("connected").asBoolean());
		JsonNode offline = this.api.get("/api/v1/sessions/sess-v5-1").json();
		assertThat(Instant.parse(offline.get("expiresAt").asString()))
			.isEqualTo(Instant.parse(offline.get("disconnectedAt").asString()).plusSeconds(120));
		assertThat(this.api.delete("/api/v1/sessions/sess-v5-1").status()).isEqualTo(204);
	}

	@Test
	void listIsPagedAndFilteredByUsername() throws Exception {
		this.api.post("/api/v1/users", "{\"username\":\"sess-other\",\"password\":\"" + PASSWORD + "\"}");
		try (Client a = connect("sess-page-a", true);
				Client b = connect("sess-page-b", true);
				Client c = connect("sess-page-c", true);
				Client other = PahoClients.connect(this.mqttPort, "sess-page-x", "sess-other", PASSWORD)) {
			JsonNode first = this.api.get("/api/v1/sessions?clientId=sess-page&username=sess-user&size=2").json();
			assertThat(first.get("totalElements").asLong()).isEqualTo(3);
			assertThat(first.get("totalPages").asInt()).isEqualTo(2);
			assertThat(first.get("content").findValuesAsString("clientId")).containsExactly("sess-page-a",
					"sess-page-b");
			JsonNode second = this.api.get("/api/v1/sessions?clientId=sess-page&username=sess-user&size=2&page=1")
				.json();
			assertThat(second.get("content").findValuesAsString("clientId")).containsExactly("sess-page-c");
			JsonNode others = this.api.get("/api/v1/sessions?clientId=sess-page&username=sess-other").json();
			assertThat(others.get("content").findValuesAsString("clientId")).containsExactly("sess-page-x");
			assertThat(this.api.get("/api/v1/sessions?clientId=sess-page&connected=false")
				.json()
				.get("totalElements")
				.asLong()).isZero();
		}
	}

	@Test
	void badPagingAndFiltersAreFieldErrors() {
		assertFieldError(this.api.get("/api/v1/sessions?size=0"), "size");
		assertFieldError(this.api.get("/api/v1/sessions?size=501"), "size");
		assertFieldError(this.api.get("/api/v1/sessions?page=-1"), "page");
		assertFieldError(this.api.get("/api/v1/sessions?page=one"), "page");
		assertFieldError(this.api.get("/api/v1/sessions?connected=maybe"), "connected");
		Response unknown = this.api.post("/api/v1/sessions/sess-nobody/disconnect", null);
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.json().get("instance").asString()).isEqualTo("/api/v1/sessions/sess-nobody/disconnect");
	}

	@Test
	void viewersReadSessionsButOnlyAdminsDisconnectOrDiscard() throws Exception {
		this.api.post("/api/v1/admins", """
				{"username":"sess-viewer","password":"viewer-password","role":"VIEWER"}""");
		ApiClient viewer = this.anonymous.as("sess-viewer", "viewer-password");
		try (Client device = connect("sess-watched", true)) {
			assertThat(viewer.get("/api/v1/sessions?clientId=sess-watched").json().get("totalElements").asLong())
				.isEqualTo(1);
			assertThat(viewer.get("/api/v1/sessions/sess-watched").status()).isEqualTo(200);
			assertThat(viewer.post("/api/v1/sessions/sess-watched/disconnect", null).status()).isEqualTo(403);
			assertThat(viewer.delete("/api/v1/sessions/sess-watched").status()).isEqualTo(403);
			assertThat(this.anonymous.get("/api/v1/sessions").status()).isEqualTo(401);
			assertThat(device.isConnected()).isTrue();
			assertThat(this.api.get("/api/v1/sessions/sess-watched").json().get("connected").asBoolean()).isTrue();
		}
	}

	@Test
	void theOpenApiDocumentDescribesTheSessionAndRetainedEndpoints() {
		JsonNode paths = this.anonymous.get("/v3/api-docs").json().get("paths");
		assertThat(paths.has("/api/v1/sessions")).isTrue();
		assertThat(paths.get("/api/v1/sessions/{clientId}").has("get")).isTrue();
		assertThat(paths.get("/api/v1/sessions/{clientId}").has("delete")).isTrue();
		assertThat(paths.get("/api/v1/sessions/{clientId}/disconnect").has("post")).isTrue();
		assertThat(paths.get("/api/v1/retained").has("get")).isTrue();
		assertThat(paths.get("/api/v1/retained").has("delete")).isTrue();
		assertThat(paths.get("/api/v1/sessions").get("get").get("parameters").findValuesAsString("name"))
			.contains("connected", "username", "clientId", "page", "size");
	}

	private Mqtt5BlockingClient mqtt5Client(String clientId) {
		return HiveMqClients.mqtt5Builder(this.mqttPort, clientId)
			.simpleAuth()
			.username("sess-user")
			.password(PASSWORD.getBytes(StandardCharsets.UTF_8))
			.applySimpleAuth()
			.buildBlocking();
	}

	private static String text(Mqtt5Publish publish) {
		return new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
	}

	private Client connect(String clientId, boolean cleanSession) throws Exception {
		return PahoClients.connect(this.mqttPort, clientId, "sess-user", PASSWORD, cleanSession);
	}

	private static void assertFieldError(Response response, String field) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("type").asString()).isEqualTo("https://mqttstack.dev/problems/validation-error");
		assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
	}

}
