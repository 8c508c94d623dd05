/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.mqttstack.spring.connection.MqttClientConnection;
import dev.mqttstack.spring.core.MqttMessage;
import dev.mqttstack.spring.core.MqttTemplate;
import dev.mqttstack.spring.test.MosquittoBroker;
import dev.mqttstack.spring.test.StackBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of what the starter tells a user about URLs and connections: URL
 * schemes, invalid URLs, an unreachable broker at startup, the reason of a lost
 * connection.
 */
@ExtendWith(OutputCaptureExtension.class)
class MqttDiagnosticsIntegrationTests {

	@RegisterExtension
	static final StackBroker stack = new StackBroker();

	@RegisterExtension
	static final MosquittoBroker mosquitto = new MosquittoBroker();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MqttAutoConfiguration.class))
		.withPropertyValues("mqtt.connection-timeout=2s", "mqtt.template.completion-timeout=5s");

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "stack", "mosquitto" })
	void mqttSchemeConnects(String broker) {
		int port = "stack".equals(broker) ? stack.getPort() : mosquitto.getPort();
		this.contextRunner.withPropertyValues("mqtt.url=mqtt://127.0.0.1:" + port).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(MqttClientConnection.class).isConnected()).isTrue();
			context.getBean(MqttTemplate.class).send("diagnostics/mqtt-scheme", "ok").join();
		});
	}

	@Test
	void hostAndPortAreUsedWithoutAUrl() {
		this.contextRunner.withPropertyValues("mqtt.host=127.0.0.1", "mqtt.port=" + stack.getPort()).run((context) -> {
			assertThat(context.getBean(MqttClientConnection.class).getUrl())
				.isEqualTo("mqtt://127.0.0.1:" + stack.getPort());
			assertThat(context.getBean(MqttClientConnection.class).isConnected()).isTrue();
		});
	}

	@Test
	void invalidUrlFailsStartupWithAnAnalysisNamingTheProperty() {
		this.contextRunner.withPropertyValues("mqtt.url=http://broker:1883").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidMqttUrlFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("'http://broker:1883'", "'mqtt.url'", "http://");
			assertThat(analysis.getAction()).contains("mqtt://localhost:1883");
		});
	}

	@Test
	void invalidUrlIsReportedByTheFailureAnalyzerWhenAnApplicationStarts(CapturedOutput output) {
		SpringApplication application = new SpringApplication(MqttAutoConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(java.util.Map.of("mqtt.url", "mqtt://", "spring.main.banner-mode", "off"));
		assertThatExceptionOfType(Exception.class).isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START", "'mqtt.url'", "mqtt://localhost:1883")
			.doesNotContain("UnsatisfiedDependencyException");
	}

	@Test
	void unreachableBrokerAtStartupIsLoggedWithUrlAndCause(CapturedOutput output) throws IOException {
		int closedPort = closedPort();
		this.contextRunner.withPropertyValues("mqtt.url=mqtt://127.0.0.1:" + closedPort).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("WARN")
				.contains("could not connect to mqtt://127.0.0.1:" + closedPort)
				.containsIgnoringCase("refused");
		});
	}

	@Test
	void unreachableBrokerFailsStartupWithFailFast() throws IOException {
		int closedPort = closedPort();
		this.contextRunner.withPropertyValues("mqtt.url=mqtt://127.0.0.1:" + closedPort, "mqtt.fail-fast=true")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("refused"));
	}

	@Test
	void lostConnectionIsLoggedWithTheBrokersReasonCode(CapturedOutput output) {
		String clientId = "reason-" + UUID.randomUUID();
		this.contextRunner.withPropertyValues("mqtt.url=" + stack.getUrl(), "mqtt.client-id=" + clientId)
			.run((context) -> {
				assertThat(context.getBean(MqttClientConnection.class).isConnected()).isTrue();
				assertThat(stack.getBroker().disconnectIf((client) -> client.clientId().equals(clientId))).isOne();
				await().untilAsserted(() -> assertThat(output).contains("lost its connection")
					.contains("reason code 0x98 (administrative action)"));
			});
	}

	@Test
	void userPropertyWithALineBreakFailsTheSendAndKeepsTheConnection() {
		this.contextRunner.withPropertyValues("mqtt.url=" + stack.getUrl()).run((context) -> {
			MqttTemplate template = context.getBean(MqttTemplate.class);
			assertThat(template.send(MqttMessage.builder("diagnostics/bad", "x".getBytes(StandardCharsets.UTF_8))
				.userProperty("error", "line one\nline two")
				.build())).failsWithin(java.time.Duration.ofSeconds(5))
				.withThrowableThat()
				.withMessageContaining("user property 'error'");
			template.send("diagnostics/after", "still connected").join();
			assertThat(context.getBean(MqttClientConnection.class).isConnected()).isTrue();
		});
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
