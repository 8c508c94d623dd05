package dev.mqttstack.admin.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

import dev.mqttstack.broker.BrokerConfig;
import dev.mqttstack.broker.ListenerConfig;
import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.QueueOverflowPolicy;
import dev.mqttstack.broker.TlsConfig;
import dev.mqttstack.broker.security.Authenticator;
import dev.mqttstack.broker.security.Authorizer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@code mqtt.broker.*} becomes the broker's {@link BrokerConfig}: defaults, every
 * listener protocol, limits and MQTT 5 settings, and bad values that stop the startup
 * naming the property. The broker is built, not started ({@code enabled=false}).
 */
class BrokerPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(BrokerOnly.class)
		.withPropertyValues("mqtt.broker.enabled=false");

	@TempDir
	Path files;

	@Test
	void noPropertiesGiveBrokerModulesDefaults() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(MqttBroker.class).config()).isEqualTo(BrokerConfig.DEFAULTS);
		});
	}

	@Test
	void limitsAndMqtt5SettingsReachTheBroker() {
		this.runner
			.withPropertyValues("mqtt.broker.max-connections=500", "mqtt.broker.max-queued-bytes=4MB",
					"mqtt.broker.queue-overflow-policy=drop-oldest", "mqtt.broker.max-subscriptions-per-client=50",
					"mqtt.broker.max-topic-levels=8", "mqtt.broker.max-topic-length=1024",
					"mqtt.broker.max-publish-rate=100", "mqtt.broker.max-keep-alive=5m",
					"mqtt.broker.max-publisher-pause=0s", "mqtt.broker.topic-alias-maximum=0",
					"mqtt.broker.receive-maximum=100", "mqtt.broker.outbound-topic-aliases=false",
					"mqtt.broker.shared-subscription-strategy=publisher-hash")
			.run((context) -> {
				BrokerConfig config = context.getBean(MqttBroker.class).config();
				assertThat(config.maxConnections()).isEqualTo(500);
				assertThat(config.maxQueuedBytes()).isEqualTo(4L * 1024 * 1024);
				assertThat(config.queueOverflowPolicy()).isEqualTo(QueueOverflowPolicy.DROP_OLDEST);
				assertThat(config.maxSubscriptionsPerClient()).isEqualTo(50);
				assertThat(config.maxTopicLevels()).isEqualTo(8);
				assertThat(config.maxTopicLength()).isEqualTo(1024);
				assertThat(config.maxPublishRate()).isEqualTo(100);
				assertThat(config.maxKeepAlive()).isEqualTo(300);
				assertThat(config.maxPublisherPause()).isEqualTo(Duration.ZERO);
				assertThat(config.topicAliasMaximum()).isZero();
				assertThat(config.receiveMaximum()).isEqualTo(100);
				assertThat(config.outboundTopicAliases()).isFalse();
				assertThat(config.listeners()).isEmpty();
				assertThat(context.getBean(BrokerProperties.class).getSharedSubscriptionStrategy().strategy())
					.isSameAs(dev.mqttstack.broker.subscription.SharedSubscriptionStrategy.PUBLISHER_HASH);
			});
	}

	@Test
	void ownershipAndInboundLimitsReachTheBroker() {
		this.runner
			.withPropertyValues("mqtt.broker.allow-cross-user-takeover=true", "mqtt.broker.partial-packet-timeout=5s",
					"mqtt.broker.max-buffered-inbound-bytes=64MB", "mqtt.broker.max-connections-per-user=3",
					"mqtt.broker.max-connections-per-address=7")
			.run((context) -> {
				BrokerConfig config = context.getBean(MqttBroker.class).config();
				assertThat(config.allowCrossUserTakeover()).isTrue();
				assertThat(config.partialPacketTimeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(config.maxBufferedInboundBytes()).isEqualTo(64L * 1024 * 1024);
				assertThat(config.maxConnectionsPerUser()).isEqualTo(3);
				assertThat(config.maxConnectionsPerAddress()).isEqualTo(7);
			});
	}

	@Test
	void everyListenerProtocolOpensNextToTheDefaultListenerOnItsHostUnlessGivenOne() throws IOException {
		Path chain = file("server.pem");
		Path key = file("server.key");
		Path ca = file("ca.pem");
		Path store = file("server.p12");
		this.runner
			.withPropertyValues("mqtt.broker.host=127.0.0.1", "mqtt.broker.port=1884",
					"mqtt.broker.listeners.plain.port=1885", "mqtt.broker.listeners.plain.max-connections=10",
					"mqtt.broker.listeners.secure.protocol=tls", "mqtt.broker.listeners.secure.port=8883",
					"mqtt.broker.listeners.secure.tls.certificate=file:" + chain,
					"mqtt.broker.listeners.secure.tls.private-key=file:" + key,
					"mqtt.broker.listeners.secure.tls.client-auth=required",
					"mqtt.broker.listeners.secure.tls.trusted-certificates=file:" + ca,
					"mqtt.broker.listeners.secure.tls.username-from-certificate=true",
					"mqtt.broker.listeners.websocket.protocol=websocket", "mqtt.broker.listeners.websocket.port=9001",
					"mqtt.broker.listeners.websocket.host=::", "mqtt.broker.listeners.wss.protocol=websocket-tls",
					"mqtt.broker.listeners.wss.port=9443", "mqtt.broker.listeners.wss.websocket-path=/ws",
					"mqtt.broker.listeners.wss.tls.key-store=file:" + store,
					"mqtt.broker.listeners.wss.tls.key-store-password=secret",
					"mqtt.broker.listeners.wss.tls.client-auth=optional",
					"mqtt.broker.listeners.wss.tls.trusted-certificates=file:" + ca)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				TlsConfig pem = new TlsConfig(chain, key, null, null, ca, TlsConfig.ClientAuth.REQUIRE, true);
				TlsConfig keyStore = new TlsConfig(null, null, store, "secret", ca, TlsConfig.ClientAuth.OPTIONAL,
						false);
				assertThat(context.getBean(MqttBroker.class).config().effectiveListeners()).containsExactly(
						new ListenerConfig("default", "127.0.0.1", 1884, null, null, 0),
						new ListenerConfig("plain", "127.0.0.1", 1885, null, null, 10),
						new ListenerConfig("secure", "127.0.0.1", 8883, pem, null, 0),
						new ListenerConfig("websocket", "::", 9001, null, "/mqtt", 0),
						new ListenerConfig("wss", "127.0.0.1", 9443, keyStore, "/ws", 0));
			});
	}

	@Test
	void portMinusOneLeavesOnlyTheConfiguredListeners() {
		this.runner
			.withPropertyValues("mqtt.broker.port=-1", "mqtt.broker.listeners.ws.protocol=websocket",
					"mqtt.broker.listeners.ws.port=9001")
			.run((context) -> assertThat(context.getBean(MqttBroker.class).config().effectiveListeners())
				.containsExactly(new ListenerConfig("ws", "0.0.0.0", 9001, null, "/mqtt", 0)));
	}

	@Test
	void environmentVariablesAsInDockerComposeAddAWebSocketListener() {
		Map<String, Object> environment = Map.of("MQTT_BROKER_LISTENERS_WEBSOCKET_PROTOCOL", "websocket",
				"MQTT_BROKER_LISTENERS_WEBSOCKET_PORT", "9001", "MQTT_BROKER_MAXCONNECTIONS", "1000");
		this.runner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource(
						"test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)))
			.run((context) -> {
				BrokerConfig config = context.getBean(MqttBroker.class).config();
				assertThat(config.effectiveListeners()).containsExactly(
						new ListenerConfig("default", "0.0.0.0", 1883, null, null, 0),
						new ListenerConfig("websocket", "0.0.0.0", 9001, null, "/mqtt", 0));
				assertThat(config.maxConnections()).isEqualTo(1000);
			});
	}

	@Test
	void aCertificateInsideAJarIsCopiedToAFileTheBrokerCanRead() throws IOException {
		Path key = file("server.key");
		String inJar = "org/springframework/boot/logging/logback/base.xml";
		ClassPathResource resource = new ClassPathResource(inJar);
		assertThat(resource.isFile()).isFalse();
		this.runner
			.withPropertyValues("mqtt.broker.listeners.secure.protocol=tls", "mqtt.broker.listeners.secure.port=0",
					"mqtt.broker.listeners.secure.tls.certificate=classpath:" + inJar,
					"mqtt.broker.listeners.secure.tls.private-key=file:" + key)
			.run((context) -> {
				ListenerConfig secure = context.getBean(MqttBroker.class).config().listeners().get(1);
				assertThat(secure.tls().certificateChain()).isRegularFile()
					.hasContent(resource.getContentAsString(StandardCharsets.UTF_8));
				assertThat(secure.tls().privateKey()).isEqualTo(key);
			});
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			mqtt.broker.max-connections                         | -1        | on field 'maxConnections'
			mqtt.broker.max-topic-levels                        | 0         | on field 'maxTopicLevels'
			mqtt.broker.receive-maximum                         | 0         | on field 'receiveMaximum'
			mqtt.broker.topic-alias-maximum                     | 65536     | on field 'topicAliasMaximum'
			mqtt.broker.port                                    | -2        | on field 'port'
			mqtt.broker.queue-overflow-policy                   | drop-all  | mqtt.broker.queue-overflow-policy
			mqtt.broker.shared-subscription-strategy            | fastest   | mqtt.broker.shared-subscription-strategy
			mqtt.broker.max-packet-size                         | 1GB       | mqtt.broker.max-packet-size
			mqtt.broker.max-packet-size                         | 4GB       | mqtt.broker.max-packet-size
			mqtt.broker.max-queued-bytes                        | -1MB      | mqtt.broker.max-queued-bytes
			mqtt.broker.max-keep-alive                          | 1d        | mqtt.broker.max-keep-alive
			mqtt.broker.max-publisher-pause                     | -1s       | mqtt.broker.max-publisher-pause
			mqtt.broker.connect-timeout                         | 0s        | mqtt.broker.connect-timeout
			mqtt.broker.partial-packet-timeout                  | -1s       | mqtt.broker.partial-packet-timeout
			mqtt.broker.max-buffered-inbound-bytes              | -1MB      | mqtt.broker.max-buffered-inbound-bytes
			mqtt.broker.max-connections-per-user                | -1        | on field 'maxConnectionsPerUser'
			mqtt.broker.max-connections-per-address             | -1        | on field 'maxConnectionsPerAddress'
			mqtt.broker.listeners.ws.port                       | 70000     | on field 'listeners[ws].port'
			mqtt.broker.listeners.ws.protocol                   | quic      | mqtt.broker.listeners.ws.protocol
			mqtt.broker.listeners.ws.websocket-path             | mqtt      | on field 'listeners[ws].websocketPath'
			mqtt.broker.listeners.ws.host                       | ""    | on field 'listeners[ws].host'
			""")
	void aBadValueStopsTheStartupNamingTheProperty(String property, String value, String named) {
		this.runner.withPropertyValues("mqtt.broker.listeners.ws.protocol=websocket", "mqtt.broker.listeners.ws.port=0")
			.withPropertyValues(property + "=" + value)
			.run((context) -> assertFailureNames(context, named));
	}

	@Test
	void aListenerNeedsAPort() {
		this.runner.withPropertyValues("mqtt.broker.listeners.ws.protocol=websocket")
			.run((context) -> assertFailureNames(context, "on field 'listeners[ws].port'"));
	}

	@Test
	void portMinusOneNeedsAListener() {
		this.runner.withPropertyValues("mqtt.broker.port=-1")
			.run((context) -> assertFailureNames(context, "mqtt.broker.port"));
	}

	@Test
	void theDefaultListenersNameIsTaken() {
		this.runner.withPropertyValues("mqtt.broker.listeners.default.port=1884")
			.run((context) -> assertFailureNames(context, "mqtt.broker.listeners.default"));
	}

	@Test
	void tlsNeedsACertificateAndKeyOrAKeyStore() throws IOException {
		String secure = "mqtt.broker.listeners.secure.";
		Path chain = file("server.pem");
		this.runner.withPropertyValues(secure + "protocol=tls", secure + "port=0")
			.run((context) -> assertFailureNames(context, secure + "tls.certificate"));
		this.runner
			.withPropertyValues(secure + "protocol=tls", secure + "port=0", secure + "tls.certificate=file:" + chain)
			.run((context) -> assertFailureNames(context, secure + "tls.private-key"));
		this.runner
			.withPropertyValues(secure + "protocol=tls", secure + "port=0", secure + "tls.key-store=file:" + chain,
					secure + "tls.certificate=file:" + chain)
			.run((context) -> assertFailureNames(context, secure + "tls.key-store"));
		this.runner
			.withPropertyValues(secure + "protocol=tls", secure + "port=0",
					secure + "tls.certificate=file:" + this.files.resolve("missing.pem"),
					secure + "tls.private-key=file:" + chain)
			.run((context) -> assertFailureNames(context, secure + "tls.certificate"));
	}

	@Test
	void clientCertificatesNeedTrustedCertificates() throws IOException {
		String secure = "mqtt.broker.listeners.secure.";
		Path chain = file("server.pem");
		Path key = file("server.key");
		this.runner
			.withPropertyValues(secure + "protocol=tls", secure + "port=0", secure + "tls.certificate=file:" + chain,
					secure + "tls.private-key=file:" + key, secure + "tls.client-auth=optional")
			.run((context) -> assertFailureNames(context, secure + "tls.trusted-certificates"));
		this.runner
			.withPropertyValues(secure + "protocol=tls", secure + "port=0", secure + "tls.certificate=file:" + chain,
					secure + "tls.private-key=file:" + key, secure + "tls.username-from-certificate=true")
			.run((context) -> assertFailureNames(context, secure + "tls.username-from-certificate"));
	}

	@Test
	void tlsSettingsOnAPlainListenerAreAMistake() throws IOException {
		Path chain = file("server.pem");
		this.runner
			.withPropertyValues("mqtt.broker.listeners.plain.port=0",
					"mqtt.broker.listeners.plain.tls.certificate=file:" + chain)
			.run((context) -> assertFailureNames(context,
					"mqtt.broker.listeners.plain.tls with value 'TLS settings' is invalid"));
	}

	private Path file(String name) throws IOException {
		return Files.writeString(this.files.resolve(name), name);
	}

	private static void assertFailureNames(AssertableApplicationContext context, String property) {
		assertThat(context).hasFailed();
		List<String> messages = new ArrayList<>();
		for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
			messages.add(String.valueOf(cause.getMessage()));
		}
		assertThat(String.join("\n", messages)).contains(property);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(BrokerProperties.class)
	@Import(BrokerConfiguration.class)
	static class BrokerOnly {

		@Bean
		Authenticator authenticator() {
			return Authenticator.ALLOW_ALL;
		}

		@Bean
		Authorizer authorizer() {
			return Authorizer.ALLOW_ALL;
		}

	}

}
