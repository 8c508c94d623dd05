package dev.mqttstack.broker.transport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient.Mqtt5Publishes;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.ListenerConfig;
import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.TlsConfig;
import dev.mqttstack.broker.event.BrokerEvents;
import dev.mqttstack.broker.event.Limit;
import dev.mqttstack.broker.security.AuthenticationRequest;
import dev.mqttstack.broker.security.AuthenticationResult;
import dev.mqttstack.broker.testsupport.TestBrokers;
import dev.mqttstack.broker.testsupport.TestClients;
import dev.mqttstack.broker.testsupport.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Listeners: TLS (PEM and key store, client certificates), WebSocket and WebSocket over
 * TLS, several at once, and their connection limits, with real clients over real sockets
 * and certificates made for the test.
 */
class ListenerTests {

	@TempDir
	static Path certificatesDirectory;

	private static TestCertificates certificates;

	/** Started by each test, with its own listeners. */
	private MqttBroker broker;

	@RegisterExtension
	final TestClients clients = TestClients.thenStopping(() -> this.broker);

	@BeforeAll
	static void makeCertificates() {
		certificates = TestCertificates.create(certificatesDirectory);
	}

	@Test
	void tlsListenerFromPemFilesServesPahoAndHiveMqClients() throws MqttException {
		start(ListenerConfig.tls(0, TlsConfig.pem(certificates.serverChainPem(), certificates.serverKeyPem()))
			.withHost("127.0.0.1")
			.withName("tls"));
		int port = this.broker.port("tls");
		Mqtt5BlockingClient subscriber = hive("sub", port, true, false, false);
		try (Mqtt5Publishes received = subscribe(subscriber, "secure/#")) {
			org.eclipse.paho.client.mqttv3.MqttClient paho = new org.eclipse.paho.client.mqttv3.MqttClient(
					"ssl://127.0.0.1:" + port, "paho-tls", new MemoryPersistence());
			MqttConnectOptions options = new MqttConnectOptions();
			options.setSocketFactory(certificates.clientContext(false).getSocketFactory());
			paho.connect(options);
			paho.publish("secure/1", "over tls".getBytes(StandardCharsets.UTF_8), 1, false);
			paho.disconnect();
			paho.close();
			assertThat(text(received)).isEqualTo("over tls");
		}
	}

	@Test
	void tlsListenerFromAKeyStoreWorks() {
		start(ListenerConfig.tls(0, TlsConfig.keyStore(certificates.serverKeyStore(), TestCertificates.PASSWORD))
			.withHost("127.0.0.1"));
		Mqtt5BlockingClient client = hive("ks", this.broker.port(), true, false, false);
		assertThat(client.getState().isConnected()).isTrue();
	}

	@Test
	void requiredClientCertificatesRefuseClientsWithoutOneAndCanNameTheUser() {
		List<ClientInfo> connected = new CopyOnWriteArrayList<>();
		List<AuthenticationRequest> requests = new CopyOnWriteArrayList<>();
		this.broker = TestBrokers.builder().authenticator((request) -> {
			requests.add(request);
			return CompletableFuture.completedFuture(AuthenticationResult.accept());
		})
			.listener(ListenerConfig
				.tls(0, TlsConfig.pem(certificates.serverChainPem(), certificates.serverKeyPem())
					.withClientAuth(TlsConfig.ClientAuth.REQUIRE, certificates.caPem())
					.withUsernameFromCertificate())
				.withHost("127.0.0.1"))
			.events(new BrokerEvents() {
				@Override
				public void clientConnected(ClientInfo client, boolean sessionPresent) {
					connected.add(client);
				}
			})
			.build();
		this.broker.start();
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> hive("anonymous", this.broker.port(), true, false, false));
		hive("with-cert", this.broker.port(), true, true, false);
		assertThat(connected).singleElement()
			.satisfies((client) -> assertThat(client.username()).isEqualTo(TestCertificates.CLIENT_COMMON_NAME));
		assertThat(requests).singleElement().satisfies((request) -> {
			assertThat(request.username()).isEqualTo(TestCertificates.CLIENT_COMMON_NAME);
			assertThat(request.certificateIdentity()).isTrue();
		});
	}

	@Test
	void websocketListenersServeMqttAtTheirPath() {
		start(ListenerConfig.websocket(0).withHost("127.0.0.1").withName("ws"),
				ListenerConfig.tcp(0).withHost("127.0.0.1").withName("tcp"));
		Mqtt5BlockingClient browser = hive("browser", this.broker.port("ws"), false, false, true);
		try (Mqtt5Publishes received = subscribe(browser, "dashboard/#")) {
			hive("device", this.broker.port("tcp"), false, false, false).publishWith()
				.topic("dashboard/temp")
				.qos(MqttQos.AT_LEAST_ONCE)
				.payload("21.5".getBytes(StandardCharsets.UTF_8))
				.send();
			assertThat(text(received)).isEqualTo("21.5");
		}
		browser.publishWith().topic("cmd").payload("from ws".getBytes(StandardCharsets.UTF_8)).send();
		assertThat(this.broker.clients()).hasSize(2);
	}

	@Test
	void websocketOverTlsWorks() {
		start(ListenerConfig.websocketTls(0, TlsConfig.pem(certificates.serverChainPem(), certificates.serverKeyPem()))
			.withHost("127.0.0.1"));
		Mqtt5BlockingClient client = hive("wss", this.broker.port(), true, false, true);
		try (Mqtt5Publishes received = subscribe(client, "echo")) {
			client.publishWith().topic("echo").payload("round trip".getBytes(StandardCharsets.UTF_8)).send();
			assertThat(text(received)).isEqualTo("round trip");
		}
	}

	@Test
	void connectionsBeyondTheLimitsAreRefusedAndReported() {
		List<Limit> limits = new CopyOnWriteArrayList<>();
		this.broker = TestBrokers.builder()
			.maxConnections(3)
			.listener(ListenerConfig.tcp(0).withHost("127.0.0.1").withName("small").withMaxConnections(1))
			.listener(ListenerConfig.tcp(0).withHost("127.0.0.1").withName("big"))
			.events(new BrokerEvents() {
				@Override
				public void limitReached(Limit limit, String clientId, java.net.SocketAddress remoteAddress) {
					limits.add(limit);
				}
			})
			.build();
		this.broker.start();
		hive("s1", this.broker.port("small"), false, false, false);
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> hive("s2", this.broker.port("small"), false, false, false));
		hive("b1", this.broker.port("big"), false, false, false);
		hive("b2", this.broker.port("big"), false, false, false);
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> hive("b3", this.broker.port("big"), false, false, false));
		assertThat(limits).containsExactly(Limit.MAX_LISTENER_CONNECTIONS, Limit.MAX_CONNECTIONS);
		assertThat(this.broker.metrics().limitsReached()).isEqualTo(2);
	}

	@Test
	void aListenersConnectionSlotIsFreeAgainOnceItsConnectionCloses() {
		start(ListenerConfig.tcp(0).withHost("127.0.0.1").withName("single").withMaxConnections(1));
		hive("first", this.broker.port(), false, false, false).disconnect();
		// the broker frees the slot when it has seen the close: until then, refused
		await().ignoreExceptions().untilAsserted(() -> hive("second", this.broker.port(), false, false, false));
		assertThat(this.broker.session("second")).isPresent();
	}

	@Test
	void unknownListenerNamesAreRejected() {
		start(ListenerConfig.tcp(0).withHost("127.0.0.1").withName("only"));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> this.broker.port("missing"));
	}

	private void start(ListenerConfig... listeners) {
		MqttBroker.Builder builder = TestBrokers.builder();
		for (ListenerConfig listener : listeners) {
			builder.listener(listener);
		}
		this.broker = builder.build();
		this.broker.start();
	}

	private Mqtt5BlockingClient hive(String id, int port, boolean tls, boolean clientCertificate, boolean websocket) {
		MqttClientBuilder builder = MqttClient.builder().identifier(id).serverHost("127.0.0.1").serverPort(port);
		if (tls) {
			builder = builder.sslConfig()
				.trustManagerFactory(certificates.trustManagers())
				.keyManagerFactory(clientCertificate ? certificates.clientKeyManagers() : null)
				.applySslConfig();
		}
		if (websocket) {
			builder = builder.webSocketConfig().serverPath("mqtt").applyWebSocketConfig();
		}
		Mqtt5BlockingClient client = builder.useMqttVersion5().buildBlocking();
		this.clients.add(client);
		client.connect();
		return client;
	}

	private static Mqtt5Publishes subscribe(Mqtt5BlockingClient client, String filter) {
		Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL);
		client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
		return publishes;
	}

	private static String text(Mqtt5Publishes publishes) {
		try {
			return new String(publishes.receive(5, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes(),
					StandardCharsets.UTF_8);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
