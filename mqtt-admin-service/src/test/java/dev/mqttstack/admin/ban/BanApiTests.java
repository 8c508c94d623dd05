package dev.mqttstack.admin.ban;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
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
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Bans through {@code /api/v1/banned} against the hosted broker, with real HiveMQ (MQTT 5
 * and 3.1.1) and Paho clients: refused at CONNECT, disconnected at once, lifted by expiry
 * and by deletion.
 */
@AdminServiceTest
class BanApiTests {

	private static final String PASSWORD = "ban-pw";

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
		this.api.post("/api/v1/users", "{\"username\":\"ban-user\",\"password\":\"" + PASSWORD + "\"}");
		this.api.post("/api/v1/users", "{\"username\":\"ban-other\",\"password\":\"" + PASSWORD + "\"}");
	}

	@Test
	void clientIdBanRefusesMqtt5WithBannedAndMqtt311WithNotAuthorized() {
		long id = ban("CLIENT_ID", "ban-device-1", null);
		try {
			assertRefusedAsBanned(HiveMqClients.mqtt5(this.broker.port(), "ban-device-1"), "ban-user");
			assertRefusedAsNotAuthorized(HiveMqClients.mqtt3(this.broker.port(), "ban-device-1"), "ban-user");
			Mqtt5BlockingClient other = HiveMqClients.mqtt5(this.broker.port(), "ban-device-2");
			connect(other, "ban-user");
			HiveMqClients.disconnectQuietly(other);
		}
		finally {
			lift(id);
		}
	}

	@Test
	void usernameBanRefusesBeforeThePasswordIsChecked() {
		long id = ban("USERNAME", "ban-user", null, "leaked credentials");
		try {
			Mqtt5BlockingClient wrongPassword = HiveMqClients.mqtt5(this.broker.port(), "ban-wrong-pw");
			assertThatExceptionOfType(Mqtt5ConnAckException.class)
				.isThrownBy(() -> wrongPassword.connectWith()
					.simpleAuth()
					.username("ban-user")
					.password(bytes("not the password"))
					.applySimpleAuth()
					.send())
				.satisfies((refused) -> assertThat(refused.getMqttMessage().getReasonCode())
					.as("banned, not 'bad user name or password': the ban is checked first")
					.isEqualTo(Mqtt5ConnAckReasonCode.BANNED));
			assertRefusedAsBanned(HiveMqClients.mqtt5(this.broker.port(), "ban-any-id"), "ban-user");
			Mqtt5BlockingClient other = HiveMqClients.mqtt5(this.broker.port(), "ban-any-id");
			connect(other, "ban-other");
			HiveMqClients.disconnectQuietly(other);
		}
		finally {
			lift(id);
		}
	}

	@Test
	void addressBanByCidrRefusesClientsFromThatNetworkOnly() {
		long ipv6 = ban("ADDRESS", "::1/128", null);
		try {
			Mqtt5BlockingClient client = HiveMqClients.mqtt5(this.broker.port(), "ban-addr-1");
			connect(client, "ban-user");
			HiveMqClients.disconnectQuietly(client);
		}
		finally {
			lift(ipv6);
		}
		long loopback = ban("ADDRESS", "127.0.0.0/8", null);
		try {
			assertRefusedAsBanned(HiveMqClients.mqtt5(this.broker.port(), "ban-addr-2"), "ban-user");
			assertRefusedAsNotAuthorized(HiveMqClients.mqtt3(this.broker.port(), "ban-addr-3"), "ban-user");
			assertRefusedAsBanned(HiveMqClients.mqtt5(this.broker.port(), "ban-addr-4"), null);
		}
		finally {
			lift(loopback);
		}
	}

	@Test
	void connectedClientsAreDisconnectedAtOnceAsAnAdministrativeAction() throws Exception {
		CompletableFuture<Throwable> disconnected = new CompletableFuture<>();
		Mqtt5BlockingClient mqtt5 = HiveMqClients.mqtt5Builder(this.broker.port(), "ban-live-5")
			.addDisconnectedListener((context) -> {
				if (context.getSource() == MqttDisconnectSource.SERVER) {
					disconnected.complete(context.getCause());
				}
			})
			.buildBlocking();
		connect(mqtt5, "ban-user");
		try (Client paho = PahoClients.connect(this.broker.port(), "ban-live-3", "ban-user", PASSWORD);
				Client bystander = PahoClients.connect(this.broker.port(), "ban-live-ok", "ban-other", PASSWORD)) {
			long id = ban("USERNAME", "ban-user", null);
			try {
				Throwable cause = disconnected.get(10, TimeUnit.SECONDS);
				assertThat(cause).isInstanceOf(Mqtt5DisconnectException.class);
				assertThat(((Mqtt5DisconnectException) cause).getMqttMessage().getReasonCode())
					.isEqualTo(Mqtt5DisconnectReasonCode.ADMINISTRATIVE_ACTION);
				await().atMost(Duration.ofSeconds(10)).until(() -> !paho.isConnected());
				assertThat(bystander.isConnected()).as("a client the ban does not match stays").isTrue();
				assertThat(this.broker.clients()).noneMatch((client) -> "ban-user".equals(client.username()));
				assertRefusedAsBanned(HiveMqClients.mqtt5(this.broker.port(), "ban-live-5"), "ban-user");
			}
			finally {
				lift(id);
			}
		}
		finally {
			HiveMqClients.disconnectQuietly(mqtt5);
		}
	}

	@Test
	void expiredBanStopsApplyingWithoutARestart() {
		Instant expiry = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
		long id = ban("CLIENT_ID", "ban-expiring", expiry.toString());
		try {
			assertRefusedAsBanned(HiveMqClients.mqtt5(this.broker.port(), "ban-expiring"), "ban-user");
			assertThat(this.api.get("/api/v1/banned/" + id).json().get("active").asBoolean()).isTrue();
			await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() -> {
				Mqtt5BlockingClient client = HiveMqClients.mqtt5(this.broker.port(), "ban-expiring");
				try {
					connect(client, "ban-user");
					return true;
				}
				catch (Mqtt5ConnAckException ex) {
					return false;
				}
				finally {
					HiveMqClients.disconnectQuietly(client);
				}
			});
			assertThat(Instant.now()).isAfterOrEqualTo(expiry);
			JsonNode expired = this.api.get("/api/v1/banned/" + id).json();
			assertThat(expired.get("active").asBoolean()).isFalse();
			assertThat(Instant.parse(expired.get("expiresAt").asString())).isEqualTo(expiry);
		}
		finally {
			lift(id);
		}
	}

	@Test
	void deletingABanLiftsItAndBothAreAudited() {
		long id = ban("CLIENT_ID", "ban-lifted", null);
		assertRefusedAsBanned(HiveMqClients.mqtt5(this.broker.port(), "ban-lifted"), "ban-user");
		assertThat(this.api.delete("/api/v1/banned/" + id).status()).isEqualTo(204);
		Mqtt5BlockingClient client = HiveMqClients.mqtt5(this.broker.port(), "ban-lifted");
		connect(client, "ban-user");
		HiveMqClients.disconnectQuietly(client);
		assertThat(this.api.get("/api/v1/banned/" + id).status()).isEqualTo(404);
		List<String> actions = this.api.get("/api/v1/audit?targetType=ban&targetId=" + id)
			.json()
			.get("content")
			.findValuesAsString("action");
		assertThat(actions).containsExactly("ban.delete", "ban.create");
		JsonNode created = this.api.get("/api/v1/audit?targetType=ban&targetId=" + id).json().get("content").get(1);
		assertThat(created.get("actor").asString()).isEqualTo("admin");
		assertThat(created.get("after").get("value").asString()).isEqualTo("ban-lifted");
	}

	@Test
	void bansAreListedInPagesAndViewersMayOnlyRead() {
		long first = ban("ADDRESS", "2001:db8::/32", null, "test net");
		long second = ban("USERNAME", "ban-nobody", null);
		try {
			JsonNode page = this.api.get("/api/v1/banned?size=1&page=0").json();
			assertThat(page.get("size").asInt()).isEqualTo(1);
			assertThat(page.get("content")).hasSize(1);
			assertThat(page.get("totalElements").asLong()).isGreaterThanOrEqualTo(2);
			JsonNode ban = this.api.get("/api/v1/banned/" + first).json();
			assertThat(ban.get("kind").asString()).isEqualTo("ADDRESS");
			assertThat(ban.get("value").asString()).isEqualTo("2001:db8:0:0:0:0:0:0/32");
			assertThat(ban.get("reason").asString()).isEqualTo("test net");
			assertThat(ban.get("expiresAt").isNull()).isTrue();
			assertThat(ban.get("active").asBoolean()).isTrue();
			assertThat(ban.get("createdBy").asString()).isEqualTo("admin");

			this.api.post("/api/v1/admins", """
					{"username":"ban-viewer","password":"viewer-password","role":"VIEWER"}""");
			ApiClient viewer = this.anonymous.as("ban-viewer", "viewer-password");
			assertThat(viewer.get("/api/v1/banned").status()).isEqualTo(200);
			assertThat(viewer.get("/api/v1/banned/" + second).status()).isEqualTo(200);
			assertThat(viewer.post("/api/v1/banned", """
					{"kind": "CLIENT_ID", "value": "by-a-viewer"}""").status()).isEqualTo(403);
			assertThat(viewer.delete("/api/v1/banned/" + second).status()).isEqualTo(403);
			assertThat(this.anonymous.get("/api/v1/banned").status()).isEqualTo(401);
		}
		finally {
			lift(first);
			lift(second);
		}
	}

	@Test
	void badInputGetsAProblemNamingTheField() {
		assertFieldError(this.api.post("/api/v1/banned", "{\"value\": \"x\"}"), "kind");
		assertFieldError(this.api.post("/api/v1/banned", "{\"kind\": \"IP\", \"value\": \"x\"}"), "kind");
		assertFieldError(this.api.post("/api/v1/banned", "{\"kind\": \"CLIENT_ID\"}"), "value");
		assertFieldError(this.api.post("/api/v1/banned", "{\"kind\": \"CLIENT_ID\", \"value\": \"\"}"), "value");
		assertFieldError(this.api.post("/api/v1/banned", "{\"kind\": \"ADDRESS\", \"value\": \"10.0.0.0/33\"}"),
				"value");
		assertFieldError(this.api.post("/api/v1/banned", "{\"kind\": \"ADDRESS\", \"value\": \"example.com\"}"),
				"value");
		assertFieldError(this.api.post("/api/v1/banned", """
				{"kind": "CLIENT_ID", "value": "x", "expiresAt": "2020-01-01T00:00:00Z"}"""), "expiresAt");
		assertFieldError(this.api.post("/api/v1/banned", """
				{"kind": "CLIENT_ID", "value": "x", "expiresAt": "tomorrow"}"""), "expiresAt");
		assertFieldError(this.api.post("/api/v1/banned", """
				{"kind": "CLIENT_ID", "value": "x", "reason": "%s"}""".formatted("r".repeat(1001))), "reason");
		assertFieldError(this.api.get("/api/v1/banned?size=0"), "size");
		assertThat(this.api.get("/api/v1/banned/999999999").status()).isEqualTo(404);
		assertThat(this.api.delete("/api/v1/banned/999999999").status()).isEqualTo(404);
		long id = ban("ADDRESS", "198.51.100.0/24", null);
		try {
			Response duplicate = this.api.post("/api/v1/banned", """
					{"kind": "ADDRESS", "value": "198.51.100.77/24"}""");
			assertThat(duplicate.status()).as("the same block, written otherwise").isEqualTo(409);
			assertThat(duplicate.json().get("existingId").asLong()).isEqualTo(id);
		}
		finally {
			lift(id);
		}
	}

	private long ban(String kind, String value, String expiresAt) {
		return ban(kind, value, expiresAt, null);
	}

	private long ban(String kind, String value, String expiresAt, String reason) {
		String body = "{\"kind\":\"%s\",\"value\":\"%s\",\"expiresAt\":%s,\"reason\":%s}".formatted(kind, value,
				quoted(expiresAt), quoted(reason));
		Response created = this.api.post("/api/v1/banned", body);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		long id = created.json().get("id").asLong();
		assertThat(created.headers().getLocation()).hasPath("/api/v1/banned/" + id);
		return id;
	}

	private static String quoted(String text) {
		return (text != null) ? "\"" + text + "\"" : "null";
	}

	private void lift(long id) {
		this.api.delete("/api/v1/banned/" + id);
	}

	private static void connect(Mqtt5BlockingClient client, String username) {
		client.connectWith().simpleAuth().username(username).password(bytes(PASSWORD)).applySimpleAuth().send();
	}

	private static void assertRefusedAsBanned(Mqtt5BlockingClient client, String username) {
		assertThatExceptionOfType(Mqtt5ConnAckException.class).isThrownBy(() -> {
			if (username != null) {
				connect(client, username);
			}
			else {
				client.connect();
			}
		})
			.satisfies((refused) -> assertThat(refused.getMqttMessage().getReasonCode())
				.isEqualTo(Mqtt5ConnAckReasonCode.BANNED));
	}

	private static void assertRefusedAsNotAuthorized(Mqtt3BlockingClient client, String username) {
		assertThatExceptionOfType(Mqtt3ConnAckException.class)
			.isThrownBy(() -> client.connectWith()
				.simpleAuth()
				.username(username)
				.password(bytes(PASSWORD))
				.applySimpleAuth()
				.send())
			.satisfies((refused) -> assertThat(refused.getMqttMessage().getReturnCode())
				.isEqualTo(Mqtt3ConnAckReturnCode.NOT_AUTHORIZED));
	}

	private static void assertFieldError(Response response, String field) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("errors").findValuesAsString("field")).as(response.body()).contains(field);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
