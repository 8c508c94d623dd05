package dev.mqttstack.admin.retained;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The retained messages API against the hosted broker, with messages retained by real
 * Paho (MQTT 3.1.1) and HiveMQ (MQTT 5) clients and checked by new subscribers.
 */
@AdminServiceTest
class RetainedApiTests {

	private static final String PASSWORD = "retained-pw";

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
				"{\"username\":\"ret-user\",\"password\":\"" + PASSWORD + "\",\"superuser\":true}");
	}

	@Test
	void browseShowsTheMatchingTopicsAndDeleteClearsExactlyThose() throws Exception {
		byte[] binary = { (byte) 0xff, (byte) 0xfe, 0, 1 };
		try (Client publisher = connect("ret-pub-1")) {
			publisher.publish("ret1/a/temp", "21.5".getBytes(StandardCharsets.UTF_8), 1, true);
			publisher.publish("ret1/b/temp", "19.25".getBytes(StandardCharsets.UTF_8), 0, true);
			publisher.publish("ret1/a/hum", "40".getBytes(StandardCharsets.UTF_8), 0, true);
			publisher.publish("ret1/a/raw", binary, 1, true);
			publisher.publish("ret1/a/live", "not retained".getBytes(StandardCharsets.UTF_8), 1, false);
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.api.get("/api/v1/retained?topic={topic}", "ret1/#")
				.json()
				.get("totalElements")
				.asLong() == 4);
		JsonNode temperatures = this.api.get("/api/v1/retained?topic={topic}", "ret1/+/temp").json();
		assertThat(temperatures.get("totalElements").asLong()).isEqualTo(2);
		JsonNode first = temperatures.get("content").get(0);
		assertThat(first.get("topic").asString()).isEqualTo("ret1/a/temp");
		assertThat(first.get("qos").asInt()).isEqualTo(1);
		assertThat(first.get("payloadSize").asInt()).isEqualTo(4);
		assertThat(first.get("payloadPreview").asString()).isEqualTo("21.5");
		assertThat(first.get("payloadBase64").asString())
			.isEqualTo(Base64.getEncoder().encodeToString("21.5".getBytes(StandardCharsets.UTF_8)));
		assertThat(first.get("publisherClientId").asString()).isEqualTo("ret-pub-1");
		assertThat(first.get("messageExpiryRemaining").isNull()).isTrue();
		JsonNode second = temperatures.get("content").get(1);
		assertThat(second.get("topic").asString()).isEqualTo("ret1/b/temp");
		assertThat(second.get("payloadSize").asInt()).isEqualTo(5);
		JsonNode raw = this.api.get("/api/v1/retained?topic={topic}", "ret1/a/raw").json().get("content").get(0);
		assertThat(raw.get("payloadSize").asInt()).isEqualTo(4);
		assertThat(raw.get("payloadPreview").isNull()).as("binary payloads have no text preview").isTrue();
		assertThat(Base64.getDecoder().decode(raw.get("payloadBase64").asString())).isEqualTo(binary);

		Response cleared = this.api.delete("/api/v1/retained?topic={topic}", "ret1/+/temp");
		assertThat(cleared.status()).isEqualTo(200);
		assertThat(cleared.json().get("removed").asInt()).isEqualTo(2);
		assertThat(cleared.json().get("topics").valueStream().map(JsonNode::asString)).containsExactly("ret1/a/temp",
				"ret1/b/temp");
		assertThat(this.api.get("/api/v1/retained?topic={topic}", "ret1/#")
			.json()
			.get("content")
			.findValuesAsString("topic")).containsExactly("ret1/a/hum", "ret1/a/raw");
		try (Client all = connect("ret-sub-1"); Client temps = connect("ret-sub-2")) {
			all.subscribe("ret1/#", 1);
			temps.subscribe("ret1/+/temp", 1);
			try (Client publisher = connect("ret-pub-2")) {
				publisher.publish("ret1/z/temp", "live".getBytes(StandardCharsets.UTF_8), 1, false);
			}
			await().atMost(Duration.ofSeconds(10))
				.until(() -> all.received().contains("ret1/z/temp=live")
						&& temps.received().contains("ret1/z/temp=live"));
			assertThat(temps.received()).as("no cleared retained message arrives").containsExactly("ret1/z/temp=live");
			assertThat(all.received()).hasSize(3)
				.contains("ret1/a/hum=40", "ret1/z/temp=live")
				.anyMatch((message) -> message.startsWith("ret1/a/raw="));
		}
		this.api.delete("/api/v1/retained?topic={topic}", "ret1/#");
	}

	@Test
	void mqtt5PropertiesOfRetainedMessagesAreShown() {
		Mqtt5BlockingClient client = MqttClient.builder()
			.useMqttVersion5()
			.identifier("ret-v5-pub")
			.serverHost("127.0.0.1")
			.serverPort(this.mqttPort)
			.simpleAuth()
			.username("ret-user")
			.password(PASSWORD.getBytes(StandardCharsets.UTF_8))
			.applySimpleAuth()
			.buildBlocking();
		client.connect();
		try {
			client.publishWith()
				.topic("ret2/status")
				.payload("{\"up\":true}".getBytes(StandardCharsets.UTF_8))
				.qos(MqttQos.AT_LEAST_ONCE)
				.retain(true)
				.contentType("application/json")
				.messageExpiryInterval(3600)
				.responseTopic("ret2/replies")
				.userProperties()
				.add("site", "berlin")
				.applyUserProperties()
				.send();
		}
		finally {
			client.disconnect();
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.api.get("/api/v1/retained?topic={topic}", "ret2/status")
				.json()
				.get("totalElements")
				.asLong() == 1);
		JsonNode message = this.api.get("/api/v1/retained?topic={topic}", "ret2/status").json().get("content").get(0);
		assertThat(message.get("payloadPreview").asString()).isEqualTo("{\"up\":true}");
		assertThat(message.get("contentType").asString()).isEqualTo("application/json");
		assertThat(message.get("messageExpiryRemaining").asLong()).isBetween(3500L, 3600L);
		assertThat(message.get("responseTopic").asString()).isEqualTo("ret2/replies");
		assertThat(message.get("userProperties").get(0).get("name").asString()).isEqualTo("site");
		assertThat(message.get("userProperties").get(0).get("value").asString()).isEqualTo("berlin");
		assertThat(this.api.delete("/api/v1/retained?topic={topic}", "ret2/status").json().get("removed").asInt())
			.isEqualTo(1);
		assertThat(this.api.get("/api/v1/retained?topic={topic}", "ret2/#").json().get("totalElements").asLong())
			.isZero();
	}

	@Test
	void badFiltersAndAMissingFilterAreFieldErrors() {
		for (String filter : new String[] { "a/#/b", "a+", "$share/g/a", "#/x" }) {
			assertFieldError(this.api.get("/api/v1/retained?topic={topic}", filter), "topic");
			assertFieldError(this.api.delete("/api/v1/retained?topic={topic}", filter), "topic");
		}
		assertFieldError(this.api.delete("/api/v1/retained?topic={topic}", ""), "topic");
		assertFieldError(this.api.delete("/api/v1/retained"), "topic");
		assertFieldError(this.api.get("/api/v1/retained?size=0"), "size");
	}

	@Test
	void viewersBrowseButOnlyAdminsClear() throws Exception {
		try (Client publisher = connect("ret-pub-3")) {
			publisher.publish("ret3/kept", "still here".getBytes(StandardCharsets.UTF_8), 1, true);
		}
		this.api.post("/api/v1/admins", """
				{"username":"ret-viewer","password":"viewer-password","role":"VIEWER"}""");
		ApiClient viewer = this.anonymous.as("ret-viewer", "viewer-password");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> viewer.get("/api/v1/retained?topic={topic}", "ret3/kept")
				.json()
				.get("totalElements")
				.asLong() == 1);
		assertThat(viewer.delete("/api/v1/retained?topic={topic}", "ret3/kept").status()).isEqualTo(403);
		assertThat(this.anonymous.get("/api/v1/retained").status()).isEqualTo(401);
		assertThat(this.api.get("/api/v1/retained?topic={topic}", "ret3/kept").json().get("totalElements").asLong())
			.isEqualTo(1);
		this.api.delete("/api/v1/retained?topic={topic}", "ret3/kept");
	}

	private Client connect(String clientId) throws Exception {
		return PahoClients.connect(this.mqttPort, clientId, "ret-user", PASSWORD);
	}

	private static void assertFieldError(Response response, String field) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
	}

}
