package dev.mqttstack.admin.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient.Mqtt5Publishes;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.mqttstack.admin.AdminServiceTest;
import dev.mqttstack.admin.ApiClient;
import dev.mqttstack.admin.PahoClients;
import dev.mqttstack.admin.PahoClients.Client;
import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.testsupport.HiveMqClients;
import dev.mqttstack.broker.testsupport.TestCertificates;
import dev.mqttstack.broker.testsupport.TestClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The service with a WebSocket, a TLS (client certificates required, from a CA made for
 * the run) and a WebSocket over TLS listener next to the default TCP one, and two limits,
 * all from {@code mqtt.broker.*}: real HiveMQ and Paho clients over real sockets, users
 * in the real PostgreSQL.
 */
@AdminServiceTest
@TestPropertySource(properties = { "mqtt.broker.max-connections=2", "mqtt.broker.max-topic-levels=3",
		"mqtt.broker.listeners.ws.protocol=websocket", "mqtt.broker.listeners.ws.host=127.0.0.1",
		"mqtt.broker.listeners.ws.port=0", "mqtt.broker.listeners.secure.protocol=tls",
		"mqtt.broker.listeners.secure.port=0", "mqtt.broker.listeners.secure.tls.client-auth=required",
		"mqtt.broker.listeners.wss.protocol=websocket-tls", "mqtt.broker.listeners.wss.port=0",
		"mqtt.broker.listeners.wss.websocket-path=/secure-mqtt", "mqtt.broker.listeners.certid.protocol=tls",
		"mqtt.broker.listeners.certid.port=0", "mqtt.broker.listeners.certid.tls.client-auth=required",
		"mqtt.broker.listeners.certid.tls.username-from-certificate=true" })
class BrokerListenersTests {

	private static final String USER = "listeners-user";

	private static final String PASSWORD = "listeners-pw";

	private static TestCertificates certificates;

	@LocalServerPort
	private int httpPort;

	@Autowired
	private MqttBroker broker;

	/** The test's HiveMQ and Paho clients, closed after it. */
	@RegisterExtension
	final TestClients hiveClients = new TestClients();

	@BeforeAll
	static void makeCertificates() {
		certificates();
	}

	@DynamicPropertySource
	static void tlsFiles(DynamicPropertyRegistry registry) {
		TestCertificates files = certificates();
		String tls = "mqtt.broker.listeners.secure.tls.";
		registry.add(tls + "certificate", () -> "file:" + files.serverChainPem());
		registry.add(tls + "private-key", () -> "file:" + files.serverKeyPem());
		registry.add(tls + "trusted-certificates", () -> "file:" + files.caPem());
		registry.add("mqtt.broker.listeners.wss.tls.certificate", () -> "file:" + files.serverChainPem());
		registry.add("mqtt.broker.listeners.wss.tls.private-key", () -> "file:" + files.serverKeyPem());
		String certid = "mqtt.broker.listeners.certid.tls.";
		registry.add(certid + "certificate", () -> "file:" + files.serverChainPem());
		registry.add(certid + "private-key", () -> "file:" + files.serverKeyPem());
		registry.add(certid + "trusted-certificates", () -> "file:" + files.caPem());
	}

	private static synchronized TestCertificates certificates() {
		if (certificates == null) {
			try {
				Path directory = Files.createTempDirectory("mqtt-admin-tls");
				directory.toFile().deleteOnExit();
				certificates = TestCertificates.create(directory);
				List.of(certificates.caPem(), certificates.serverChainPem(), certificates.serverKeyPem())
					.forEach((file) -> file.toFile().deleteOnExit());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return certificates;
	}

	@BeforeEach
	void setUp() {
		ApiClient api = ApiClient.on(this.httpPort).asAdmin();
		if (api.get("/api/v1/users/" + USER).status() == 404) {
			ApiClient.Response created = api.post("/api/v1/users",
					"{\"username\":\"" + USER + "\",\"password\":\"" + PASSWORD + "\",\"superuser\":true}");
			assertThat(created.status()).as(created.body()).isEqualTo(201);
		}
		// max-connections counts every client: the previous test's must be gone.
		await().atMost(Duration.ofSeconds(10)).until(() -> this.broker.clients().isEmpty());
	}

	@Test
	void webSocketListenerServesTheHiveMqClientsWebSocketTransport() throws Exception {
		Mqtt5BlockingClient browser = connect(
				hive("ws-browser", "ws").webSocketConfig().serverPath("mqtt").applyWebSocketConfig().buildBlocking());
		Mqtt5Publishes publishes = browser.publishes(MqttGlobalPublishFilter.ALL);
		browser.subscribeWith().topicFilter("listeners/ws/#").qos(MqttQos.AT_LEAST_ONCE).send();
		Client sensor = paho("ws-sensor");
		sensor.publish("listeners/ws/temp", "21.5");
		Optional<Mqtt5Publish> received = publishes.receive(10, TimeUnit.SECONDS);
		assertThat(received).hasValueSatisfying((publish) -> {
			assertThat(publish.getTopic()).hasToString("listeners/ws/temp");
			assertThat(new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("21.5");
		});
		assertThat(this.broker.clients()).anySatisfy((client) -> assertThat(client.clientId()).isEqualTo("ws-browser"));
	}

	@Test
	void tlsListenerAcceptsClientsWithACertificateFromTheTrustedCaOnly() throws InterruptedException {
		Mqtt5BlockingClient device = connect(hive("tls-device", "secure").sslConfig()
			.trustManagerFactory(certificates.trustManagers())
			.keyManagerFactory(certificates.clientKeyManagers())
			.applySslConfig()
			.buildBlocking());
		Mqtt5Publishes publishes = device.publishes(MqttGlobalPublishFilter.ALL);
		device.subscribeWith().topicFilter("listeners/tls").qos(MqttQos.AT_LEAST_ONCE).send();
		device.publishWith().topic("listeners/tls").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] { 42 }).send();
		assertThat(publishes.receive(10, TimeUnit.SECONDS))
			.hasValueSatisfying((publish) -> assertThat(publish.getPayloadAsBytes()).containsExactly(42));
		Mqtt5BlockingClient anonymous = hive("tls-no-certificate", "secure").sslConfig()
			.trustManagerFactory(certificates.trustManagers())
			.applySslConfig()
			.buildBlocking();
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> connect(anonymous));
		assertThat(this.broker.clients()).extracting((client) -> client.clientId()).containsExactly("tls-device");
	}

	@Test
	void aVerifiedCertificateLogsInAsItsCommonNameWithoutAPasswordUnlessThatUserIsDisabled() {
		Mqtt5BlockingClient device = MqttClient.builder()
			.useMqttVersion5()
			.identifier("cert-identity")
			.serverHost("127.0.0.1")
			.serverPort(this.broker.port("certid"))
			.sslConfig()
			.trustManagerFactory(certificates.trustManagers())
			.keyManagerFactory(certificates.clientKeyManagers())
			.applySslConfig()
			.buildBlocking();
		this.hiveClients.add(device);
		device.connect();
		assertThat(this.broker.clients()).singleElement()
			.satisfies((client) -> assertThat(client.username()).isEqualTo(TestCertificates.CLIENT_COMMON_NAME));
		device.disconnect();
		ApiClient api = ApiClient.on(this.httpPort).asAdmin();
		if (api.get("/api/v1/users/" + TestCertificates.CLIENT_COMMON_NAME).status() == 404) {
			assertThat(api
				.post("/api/v1/users",
						"{\"username\":\"" + TestCertificates.CLIENT_COMMON_NAME
								+ "\",\"password\":\"unused\",\"enabled\":false}")
				.status()).isEqualTo(201);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.broker.clients().isEmpty());
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(device::connect);
	}

	@Test
	void webSocketOverTlsListenerServesItsOwnPath() throws InterruptedException {
		Mqtt5BlockingClient browser = connect(hive("wss-browser", "wss").sslConfig()
			.trustManagerFactory(certificates.trustManagers())
			.applySslConfig()
			.webSocketConfig()
			.serverPath("secure-mqtt")
			.applyWebSocketConfig()
			.buildBlocking());
		Mqtt5Publishes publishes = browser.publishes(MqttGlobalPublishFilter.ALL);
		browser.subscribeWith().topicFilter("listeners/wss").qos(MqttQos.AT_LEAST_ONCE).send();
		browser.publishWith().topic("listeners/wss").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] { 7 }).send();
		assertThat(publishes.receive(10, TimeUnit.SECONDS))
			.hasValueSatisfying((publish) -> assertThat(publish.getPayloadAsBytes()).containsExactly(7));
		Mqtt5BlockingClient wrongPath = hive("wss-wrong-path", "wss").sslConfig()
			.trustManagerFactory(certificates.trustManagers())
			.applySslConfig()
			.webSocketConfig()
			.serverPath("mqtt")
			.applyWebSocketConfig()
			.buildBlocking();
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> connect(wrongPath));
	}

	@Test
	void maxTopicLevelsRefusesADeeperFilter() throws MqttException {
		Client client = paho("levels");
		assertThat(client.subscribe("listeners/levels/+", 1)).isEqualTo(1);
		assertThat(client.subscribe("listeners/levels/a/b", 1)).isEqualTo(128);
		assertThat(client.isConnected()).isTrue();
	}

	@Test
	void maxConnectionsRefusesTheThirdClientOverAnyListener() throws MqttException {
		paho("limit-1");
		Mqtt5BlockingClient second = connect(
				hive("limit-2", "ws").webSocketConfig().serverPath("mqtt").applyWebSocketConfig().buildBlocking());
		assertThatExceptionOfType(MqttException.class).isThrownBy(() -> paho("limit-3"));
		second.disconnect();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.broker.clients().size() == 1);
		assertThat(paho("limit-3").isConnected()).isTrue();
	}

	@Test
	void infoEndpointListsEveryListenerWithItsBoundPort() {
		ApiClient.Response info = ApiClient.on(this.httpPort).asAdmin().get("/actuator/info");
		assertThat(info.status()).as(info.body()).isEqualTo(200);
		JsonNode listeners = info.json().path("mqtt").path("listeners");
		assertThat(listeners).hasSize(5);
		assertThat(listeners.get(0).path("name").asString()).isEqualTo("default");
		assertListener(listeners, "default", "tcp");
		assertListener(listeners, "ws", "ws");
		assertListener(listeners, "secure", "ssl");
		assertListener(listeners, "wss", "wss");
		assertListener(listeners, "certid", "ssl");
	}

	private void assertListener(JsonNode listeners, String name, String scheme) {
		assertThat(listeners).filteredOn((listener) -> listener.path("name").asString().equals(name))
			.singleElement()
			.satisfies((listener) -> {
				assertThat(listener.path("scheme").asString()).isEqualTo(scheme);
				assertThat(listener.path("port").asInt()).isEqualTo(this.broker.port(name)).isPositive();
				assertThat(listener.path("path").asString()).isEqualTo(switch (scheme) {
					case "ws" -> "/mqtt";
					case "wss" -> "/secure-mqtt";
					default -> "";
				});
			});
	}

	private Mqtt5ClientBuilder hive(String clientId, String listener) {
		return HiveMqClients.mqtt5Builder(this.broker.port(listener), clientId);
	}

	private Mqtt5BlockingClient connect(Mqtt5BlockingClient client) {
		this.hiveClients.add(client);
		client.connectWith()
			.simpleAuth()
			.username(USER)
			.password(PASSWORD.getBytes(StandardCharsets.UTF_8))
			.applySimpleAuth()
			.send();
		return client;
	}

	private Client paho(String clientId) throws MqttException {
		return this.hiveClients.closeAfterTest(PahoClients.connect(this.broker.port(), clientId, USER, PASSWORD));
	}

}
