package dev.mqttstack.broker.standalone;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mqttstack.broker.BrokerConfig;
import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.ListenerConfig;
import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.ReasonCode;
import dev.mqttstack.broker.TlsConfig;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.security.AuthenticationRequest;
import dev.mqttstack.broker.testsupport.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StandaloneBrokerTests {

	@TempDir
	Path directory;

	private final ExecutorService hashing = Executors.newSingleThreadExecutor();

	@AfterEach
	void stopHashing() {
		this.hashing.shutdownNow();
	}

	@Test
	void withoutListenerLinesOnlyLoopback1883OpensAndAnonymousClientsAreAllowed() throws Exception {
		StandaloneBroker assembly = assemble("", List.of());
		assertThat(this.config.listeners())
			.containsExactly(new ListenerConfig("tcp-1883", "127.0.0.1", 1883, null, null, 0));
		assertThat(anonymous(assembly)).isEqualTo(ReasonCode.SUCCESS);
	}

	@Test
	void portOptionsAreLoopbackListenersWhenTheFileHasNone() throws Exception {
		assemble("protocol websockets\n", List.of(9001, 9002));
		assertThat(this.config.listeners())
			.extracting(ListenerConfig::host, ListenerConfig::port, ListenerConfig::websocketPath)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("127.0.0.1", 9001, "/mqtt"),
					org.assertj.core.groups.Tuple.tuple("127.0.0.1", 9002, "/mqtt"));
	}

	@Test
	void onceAListenerIsConfiguredAnonymousClientsAreRefusedUnlessAllowed() throws Exception {
		StandaloneBroker assembly = assemble("listener 1883\n", List.of(1999));
		assertThat(this.config.listeners())
			.containsExactly(new ListenerConfig("tcp-1883", "0.0.0.0", 1883, null, null, 0));
		assertThat(assembly.warnings()).singleElement().asString().contains("-p [1999] ignored");
		assertThat(anonymous(assembly)).isEqualTo(ReasonCode.NOT_AUTHORIZED);
		assertThat(anonymous(assemble("listener 1883\nallow_anonymous true\n", List.of())))
			.isEqualTo(ReasonCode.SUCCESS);
	}

	@Test
	void limitsReachTheBrokerConfig() throws Exception {
		assemble("""
				max_keepalive 60
				max_packet_size 1000
				max_inflight_messages 5
				max_queued_messages 50
				sys_interval 3
				""", List.of());
		assertThat(this.config.maxKeepAlive()).isEqualTo(60);
		assertThat(this.config.maxPacketSize()).isEqualTo(1000);
		assertThat(this.config.maxInflight()).isEqualTo(5);
		assertThat(this.config.maxQueuedMessages()).isEqualTo(50);
		assertThat(this.config.sysInterval()).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void zeroMeansNoLimitAsInMosquitto() throws Exception {
		assemble("max_packet_size 0\nmax_inflight_messages 0\nmax_queued_messages 0\n", List.of());
		assertThat(this.config.maxPacketSize()).isEqualTo(MosquittoConfParser.MQTT_MAX_PACKET);
		assertThat(this.config.maxInflight()).isEqualTo(65_535);
		assertThat(this.config.maxQueuedMessages()).isEqualTo(Integer.MAX_VALUE);
	}

	@Test
	void retainAvailableFalseAndMessageSizeLimitRefuseThosePublishes() throws Exception {
		StandaloneAuthorizer authorizer = assemble("retain_available false\nmessage_size_limit 3\n", List.of())
			.authorizer();
		ClientInfo client = new ClientInfo("c", null, new InetSocketAddress("127.0.0.1", 1), 4, true, 0, Map.of());
		assertThat(authorizer.canPublish(client, Message.of("t", new byte[3], 0, false))).isTrue();
		assertThat(authorizer.canPublish(client, Message.of("t", new byte[4], 0, false))).isFalse();
		assertThat(authorizer.canPublish(client, Message.of("t", new byte[1], 0, true))).isFalse();
	}

	@Test
	void tlsListenerWithClientCertificatesAndIdentity() throws Exception {
		TestCertificates certs = TestCertificates.create(this.directory);
		assemble("""
				listener 8883
				cafile %s
				certfile %s
				keyfile %s
				require_certificate true
				use_identity_as_username true
				""".formatted(certs.caPem(), certs.serverChainPem(), certs.serverKeyPem()), List.of());
		TlsConfig tls = this.config.listeners().get(0).tls();
		assertThat(this.config.listeners().get(0).name()).isEqualTo("ssl-8883");
		assertThat(tls.clientAuth()).isEqualTo(TlsConfig.ClientAuth.REQUIRE);
		assertThat(tls.trustedCertificates()).isEqualTo(certs.caPem());
		assertThat(tls.usernameFromCertificate()).isTrue();
	}

	@Test
	void inconsistentTlsSettingsAreErrorsNamingTheLine() throws Exception {
		TestCertificates certs = TestCertificates.create(this.directory);
		assertThatExceptionOfType(ConfException.class)
			.isThrownBy(() -> assemble("listener 8883\ncertfile %s\nkeyfile %s\nrequire_certificate true\n"
				.formatted(certs.serverChainPem(), certs.serverKeyPem()), List.of()))
			.withMessageContaining("mosquitto.conf:4: require_certificate true needs a cafile");
		assertThatExceptionOfType(ConfException.class)
			.isThrownBy(() -> assemble("listener 8883\ncertfile %s\n".formatted(certs.serverChainPem()), List.of()))
			.withMessageContaining("mosquitto.conf:2: certfile and keyfile go together");
		Path rsaKey = Files.writeString(this.directory.resolve("rsa.key"), "-----BEGIN RSA PRIVATE KEY-----\n");
		assertThatExceptionOfType(ConfException.class)
			.isThrownBy(() -> assemble(
					"listener 8883\ncertfile %s\nkeyfile %s\n".formatted(certs.serverChainPem(), rsaKey), List.of()))
			.withMessageContaining("mosquitto.conf:3: keyfile")
			.withMessageContaining("openssl pkcs8 -topk8");
	}

	@Test
	void badLineOfThePasswordOrAclFileIsAnErrorNamingThatFileAndLine() throws Exception {
		Path passwords = Files.writeString(this.directory.resolve("passwd"), "# users\nalice:plain\n");
		assertThatExceptionOfType(ConfException.class)
			.isThrownBy(() -> assemble("password_file " + passwords + "\n", List.of()))
			.withMessage(passwords + ":2: not a mosquitto $7$ or $6$ password hash");
		Path acl = Files.writeString(this.directory.resolve("acl"), "user alice\ntopic\n");
		assertThatExceptionOfType(ConfException.class).isThrownBy(() -> assemble("acl_file " + acl + "\n", List.of()))
			.withMessage(acl + ":2: 'topic' needs a topic");
	}

	@Test
	void perListenerSettingsWorkWhileEveryListenerHasTheSameSecurity() throws Exception {
		StandaloneBroker same = assemble(
				"per_listener_settings true\nlistener 1883\nallow_anonymous true\nlistener 1884\nallow_anonymous true\n",
				List.of());
		assertThat(anonymous(same)).isEqualTo(ReasonCode.SUCCESS);
		assertThatExceptionOfType(ConfException.class)
			.isThrownBy(() -> assemble(
					"per_listener_settings true\nlistener 1883\nallow_anonymous true\nlistener 1884\n", List.of()))
			.withMessageContaining("mosquitto.conf:1: per_listener_settings true with different");
	}

	private BrokerConfig config;

	private StandaloneBroker assemble(String content, List<Integer> ports) throws Exception {
		Path file = Files.writeString(this.directory.resolve("mosquitto.conf"), content);
		MqttBroker.Builder builder = MqttBroker.builder();
		StandaloneBroker assembly = StandaloneBroker.assemble(MosquittoConfParser.parse(file), ports, null,
				this.hashing, builder);
		this.config = builder.build().config();
		return assembly;
	}

	private static ReasonCode anonymous(StandaloneBroker assembly) {
		return assembly.authenticator()
			.authenticate(new AuthenticationRequest("c", null, null, new InetSocketAddress("127.0.0.1", 1), 4))
			.toCompletableFuture()
			.join()
			.reasonCode();
	}

}
