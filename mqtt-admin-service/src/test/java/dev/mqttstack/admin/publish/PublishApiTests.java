package dev.mqttstack.admin.publish;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient.Mqtt5Publishes;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
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
 * {@code POST /api/v1/publish} against the hosted broker, received by real HiveMQ (MQTT
 * 5) and Paho (MQTT 3.1.1) subscribers.
 */
@AdminServiceTest
class PublishApiTests {

	private static final String PASSWORD = "publish-pw";

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
				"{\"username\":\"pub-super\",\"password\":\"" + PASSWORD + "\",\"superuser\":true}");
	}

	@Test
	void publishedMessageReachesAnMqtt5SubscriberWithItsPropertiesExactly() throws Exception {
		Mqtt5BlockingClient subscriber = mqtt5("pub-sub-props", "pub-super");
		try (Mqtt5Publishes publishes = subscriber.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
			subscriber.subscribeWith().topicFilter("pub1/#").qos(MqttQos.EXACTLY_ONCE).send();
			byte[] correlation = { 0, 1, (byte) 0xfe, (byte) 0xff };
			Response published = this.api.post("/api/v1/publish", """
					{"topic": "pub1/我的/topic", "payload": "我发送消息了", "qos": 1,
					 "properties": {"payloadFormatIndicator": 1, "messageExpiryInterval": 3600,
					   "contentType": "text/plain; charset=utf-8", "responseTopic": "pub1/replies",
					   "correlationData": "%s",
					   "userProperties": [{"key": "k", "value": "v1"}, {"key": "k", "value": "v2"},
					                      {"key": "trace", "value": "ü"}]}}
					""".formatted(Base64.getEncoder().encodeToString(correlation)));
			assertThat(published.status()).isEqualTo(200);
			JsonNode body = published.json();
			assertThat(body.get("topic").asString()).isEqualTo("pub1/我的/topic");
			assertThat(body.get("qos").asInt()).isEqualTo(1);
			assertThat(body.get("retained").asBoolean()).isFalse();
			assertThat(body.get("deliveredTo").asInt()).isEqualTo(1);
			assertThat(body.get("publisherId").asString()).isEqualTo("$api/admin");

			Optional<Mqtt5Publish> received = publishes.receive(10, TimeUnit.SECONDS);
			assertThat(received).isPresent();
			Mqtt5Publish message = received.get();
			assertThat(message.getTopic().toString()).isEqualTo("pub1/我的/topic");
			assertThat(new String(message.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("我发送消息了");
			assertThat(message.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
			assertThat(message.isRetain()).isFalse();
			assertThat(message.getPayloadFormatIndicator()).contains(Mqtt5PayloadFormatIndicator.UTF_8);
			assertThat(message.getMessageExpiryInterval().getAsLong()).isBetween(3590L, 3600L);
			assertThat(message.getContentType().map(Object::toString)).contains("text/plain; charset=utf-8");
			assertThat(message.getResponseTopic().map(Object::toString)).contains("pub1/replies");
			assertThat(message.getCorrelationData().map(PublishApiTests::bytes)).contains(correlation);
			assertThat(message.getUserProperties()
				.asList()
				.stream()
				.map((property) -> property.getName() + "=" + property.getValue())
				.toList()).containsExactly("k=v1", "k=v2", "trace=ü");
		}
		finally {
			HiveMqClients.disconnectQuietly(subscriber);
		}
	}

	@Test
	void base64PayloadIsRetainedAndReachesLaterMqtt311Subscribers() throws Exception {
		byte[] binary = { (byte) 0xff, 0, (byte) 0x80, 42 };
		Response published = this.api.post("/api/v1/publish", """
				{"topic": "pub2/raw", "payload": "%s", "payloadEncoding": "base64", "qos": 2, "retain": true}
				""".formatted(Base64.getEncoder().encodeToString(binary)));
		assertThat(published.status()).isEqualTo(200);
		assertThat(published.json().get("retained").asBoolean()).isTrue();
		assertThat(published.json().get("deliveredTo").asInt()).isZero();
		try (Client subscriber = PahoClients.connect(this.broker.port(), "pub-sub-raw", "pub-super", PASSWORD)) {
			subscriber.subscribe("pub2/#", 2);
			await().atMost(Duration.ofSeconds(10)).until(() -> !subscriber.received().isEmpty());
			assertThat(subscriber.received()).containsExactly("pub2/raw=" + new String(binary, StandardCharsets.UTF_8));
		}
		JsonNode retained = this.api.get("/api/v1/retained?topic={topic}", "pub2/raw").json().get("content").get(0);
		assertThat(Base64.getDecoder().decode(retained.get("payloadBase64").asString())).isEqualTo(binary);
		assertThat(retained.get("publisherClientId").asString()).isEqualTo("$api/admin");
		assertThat(retained.get("qos").asInt()).isEqualTo(2);

		Response cleared = this.api.post("/api/v1/publish", """
				{"topic": "pub2/raw", "retain": true}""");
		assertThat(cleared.status()).isEqualTo(200);
		assertThat(this.api.get("/api/v1/retained?topic={topic}", "pub2/raw").json().get("totalElements").asLong())
			.as("an empty retained payload clears the retained message")
			.isZero();
	}

	@Test
	void messageIsQueuedForAnOfflinePersistentSession() throws Exception {
		try (Client subscriber = PahoClients.connect(this.broker.port(), "pub-offline", "pub-super", PASSWORD, false)) {
			subscriber.subscribe("pub6/#", 1);
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !this.broker.session("pub-offline").orElseThrow().connected());
		Response published = this.api.post("/api/v1/publish", """
				{"topic": "pub6/queued", "payload": "while away", "qos": 1}""");
		assertThat(published.json().get("deliveredTo").asInt()).isEqualTo(1);
		try (Client back = PahoClients.connect(this.broker.port(), "pub-offline", "pub-super", PASSWORD, false)) {
			await().atMost(Duration.ofSeconds(10)).until(() -> !back.received().isEmpty());
			assertThat(back.received()).containsExactly("pub6/queued=while away");
		}
		this.api.delete("/api/v1/sessions/pub-offline");
	}

	@Test
	void publishingIsAuditedWithTheAdminAndTheTopic() {
		assertThat(this.api.post("/api/v1/publish", """
				{"topic": "pub3/audited", "payload": "x"}""").status()).isEqualTo(200);
		JsonNode entry = this.api.get("/api/v1/audit?targetType=topic&targetId={id}", "pub3/audited")
			.json()
			.get("content")
			.get(0);
		assertThat(entry.get("action").asString()).isEqualTo("message.publish");
		assertThat(entry.get("actor").asString()).isEqualTo("admin");
		assertThat(entry.get("after").get("topic").asString()).isEqualTo("pub3/audited");
		assertThat(entry.get("after").get("payloadBytes").asInt()).isEqualTo(1);
	}

	@Test
	void viewersMayNotPublish() throws Exception {
		this.api.post("/api/v1/admins", """
				{"username":"pub-viewer","password":"viewer-password","role":"VIEWER"}""");
		ApiClient viewer = this.anonymous.as("pub-viewer", "viewer-password");
		try (Client subscriber = PahoClients.connect(this.broker.port(), "pub-sub-viewer", "pub-super", PASSWORD)) {
			subscriber.subscribe("pub4/#", 1);
			Response refused = viewer.post("/api/v1/publish", """
					{"topic": "pub4/no", "payload": "from a viewer"}""");
			assertThat(refused.status()).isEqualTo(403);
			assertThat(refused.contentType()).startsWith("application/problem+json");
			assertThat(this.anonymous.post("/api/v1/publish", """
					{"topic": "pub4/no", "payload": "anonymous"}""").status()).isEqualTo(401);
			this.api.post("/api/v1/publish", """
					{"topic": "pub4/yes", "payload": "from an admin", "qos": 1}""");
			await().atMost(Duration.ofSeconds(10)).until(() -> !subscriber.received().isEmpty());
			assertThat(subscriber.received()).containsExactly("pub4/yes=from an admin");
		}
	}

	@Test
	void restPublishSkipsPublishAclsButSubscribersReadAclsStillApply() throws Exception {
		this.api.post("/api/v1/users", "{\"username\":\"pub-reader\",\"password\":\"" + PASSWORD + "\"}");
		this.api.post("/api/v1/acl-rules", """
				{"username":"pub-reader","topic":"pub5/#","action":"subscribe","permission":"allow"}""");
		this.api.post("/api/v1/acl-rules", """
				{"username":"pub-reader","topic":"pub5/secret","action":"subscribe","permission":"deny",
				 "priority":10}""");
		Mqtt5BlockingClient reader = mqtt5("pub-reader-1", "pub-reader");
		try (Mqtt5Publishes publishes = reader.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
			assertThat(reader.subscribeWith().topicFilter("pub5/#").qos(MqttQos.AT_LEAST_ONCE).send().getReasonCodes())
				.containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
			assertThatExceptionOfType(Mqtt5PubAckException.class).as("no rule lets pub-reader publish")
				.isThrownBy(() -> reader.publishWith()
					.topic("pub5/open")
					.qos(MqttQos.AT_LEAST_ONCE)
					.payload(bytes("by the reader"))
					.send())
				.satisfies((refused) -> assertThat(refused.getMqttMessage().getReasonCode())
					.isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED));
			assertThat(this.api.post("/api/v1/publish", """
					{"topic": "pub5/secret", "payload": "not for the reader", "qos": 1}""")
				.json()
				.get("deliveredTo")
				.asInt()).isZero();
			assertThat(this.api.post("/api/v1/publish", """
					{"topic": "pub5/open", "payload": "for the reader", "qos": 1}""").json().get("deliveredTo").asInt())
				.isEqualTo(1);
			Optional<Mqtt5Publish> received = publishes.receive(10, TimeUnit.SECONDS);
			assertThat(received).isPresent();
			assertThat(received.get().getTopic().toString()).isEqualTo("pub5/open");
			assertThat(publishes.receive(300, TimeUnit.MILLISECONDS)).as("nothing else arrives").isEmpty();
		}
		finally {
			HiveMqClients.disconnectQuietly(reader);
		}
	}

	@Test
	void openApiDocumentDescribesThePublishStatsAndBanEndpoints() {
		JsonNode document = this.anonymous.get("/v3/api-docs").json();
		JsonNode paths = document.get("paths");
		assertThat(paths.has("/api/v1/publish")).isTrue();
		assertThat(paths.has("/api/v1/stats")).isTrue();
		assertThat(paths.has("/api/v1/banned")).isTrue();
		assertThat(paths.has("/api/v1/banned/{id}")).isTrue();
		JsonNode request = document.get("components").get("schemas").get("PublishRequest").get("properties");
		for (String field : new String[] { "topic", "payload", "payloadEncoding", "qos", "retain", "properties" }) {
			assertThat(request.has(field)).as(field).isTrue();
		}
	}

	@Test
	void badInputGetsAProblemNamingTheField() {
		assertFieldError(this.api.post("/api/v1/publish", "{\"payload\": \"x\"}"), "topic");
		assertFieldError(this.api.post("/api/v1/publish", "{\"topic\": \"a/+/b\"}"), "topic");
		assertFieldError(this.api.post("/api/v1/publish", "{\"topic\": \"a/#\"}"), "topic");
		assertFieldError(this.api.post("/api/v1/publish", "{\"topic\": \"\"}"), "topic");
		assertFieldError(this.api.post("/api/v1/publish", "{\"topic\": \"a\\u0000b\"}"), "topic");
		assertFieldError(this.api.post("/api/v1/publish", "{\"topic\": \"a\\ud800\"}"), "topic");
		assertFieldError(this.api.post("/api/v1/publish", "{\"topic\": \"" + "t".repeat(65_536) + "\"}"), "topic");
		String tooDeep = "a/".repeat(this.broker.config().maxTopicLevels()) + "a";
		assertFieldError(this.api.post("/api/v1/publish", "{\"topic\": \"" + tooDeep + "\"}"), "topic");
		assertFieldError(this.api.post("/api/v1/publish", "{\"topic\": \"a\", \"qos\": 3}"), "qos");
		assertFieldError(this.api.post("/api/v1/publish", "{\"topic\": \"a\", \"qos\": \"high\"}"), "qos");
		assertFieldError(this.api.post("/api/v1/publish", "{\"topic\": \"a\", \"payloadEncoding\": \"hex\"}"),
				"payloadEncoding");
		assertFieldError(this.api.post("/api/v1/publish", """
				{"topic": "a", "payload": "not base64!", "payloadEncoding": "base64"}"""), "payload");
		assertFieldError(this.api.post("/api/v1/publish", """
				{"topic": "a", "payload": "/w==", "payloadEncoding": "base64",
				 "properties": {"payloadFormatIndicator": 1}}"""), "payload");
		assertFieldError(this.api.post("/api/v1/publish", """
				{"topic": "a", "properties": {"payloadFormatIndicator": 2}}"""), "properties.payloadFormatIndicator");
		assertFieldError(this.api.post("/api/v1/publish", """
				{"topic": "a", "properties": {"messageExpiryInterval": -1}}"""), "properties.messageExpiryInterval");
		assertFieldError(this.api.post("/api/v1/publish", """
				{"topic": "a", "properties": {"responseTopic": "replies/#"}}"""), "properties.responseTopic");
		assertFieldError(this.api.post("/api/v1/publish", """
				{"topic": "a", "properties": {"correlationData": "%%%"}}"""), "properties.correlationData");
		assertFieldError(this.api.post("/api/v1/publish", """
				{"topic": "a", "properties": {"userProperties": [{"value": "v"}]}}"""),
				"properties.userProperties[0].key");
		int tooLarge = this.broker.config().maxPacketSize();
		assertFieldError(this.api.post("/api/v1/publish", """
				{"topic": "a", "payload": "%s"}""".formatted("x".repeat(tooLarge))), "payload");
		assertThat(this.api.post("/api/v1/publish", "{\"topic\": ").status()).isEqualTo(400);
	}

	private static void assertFieldError(Response response, String field) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		List<String> fields = response.json().get("errors").findValuesAsString("field");
		assertThat(fields).as(response.body()).contains(field);
	}

	private Mqtt5BlockingClient mqtt5(String clientId, String username) {
		Mqtt5BlockingClient client = HiveMqClients.mqtt5(this.broker.port(), clientId);
		client.connectWith().simpleAuth().username(username).password(bytes(PASSWORD)).applySimpleAuth().send();
		return client;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] bytes(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.duplicate().get(bytes);
		return bytes;
	}

}
