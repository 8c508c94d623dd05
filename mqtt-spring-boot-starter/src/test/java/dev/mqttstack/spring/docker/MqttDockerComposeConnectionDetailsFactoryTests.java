/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.docker;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.spring.autoconfigure.MqttAutoConfiguration;
import dev.mqttstack.spring.autoconfigure.MqttConnectionDetails;
import dev.mqttstack.spring.connection.MqttClientConnection;
import dev.mqttstack.spring.connection.MqttSubscription;
import dev.mqttstack.spring.core.MqttTemplate;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactories;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSources;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of the Docker Compose service connections. No Docker engine runs here: the
 * running service is described as {@code docker compose ps} would (Spring Boot's own
 * tests do the same), the factories are found through {@code spring.factories} as Boot
 * finds them, and the resulting details are used to connect to our broker on the "mapped"
 * port.
 */
class MqttDockerComposeConnectionDetailsFactoryTests {

	private static MqttConnectionDetails detailsOf(RunningService service, MockEnvironment environment) {
		Map<Class<?>, ConnectionDetails> details = new ConnectionDetailsFactories(
				MqttDockerComposeConnectionDetailsFactoryTests.class.getClassLoader())
			.getConnectionDetails(DockerComposeConnectionSources.of(service, environment), false);
		return (MqttConnectionDetails) details.get(MqttConnectionDetails.class);
	}

	private static MqttConnectionDetails detailsOf(RunningService service) {
		return detailsOf(service, new MockEnvironment());
	}

	@Test
	void mosquittoServiceConnectsThroughTheMappedPort() {
		MqttBroker broker = MqttBroker.builder().host("127.0.0.1").port(0).build();
		broker.start();
		try {
			MqttConnectionDetails details = detailsOf(
					TestRunningService.of("eclipse-mosquitto:2.0", "127.0.0.1", 1883, broker.port()));
			assertThat(details.getUrl()).isEqualTo("mqtt://127.0.0.1:" + broker.port());
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MqttAutoConfiguration.class))
				.withBean(MqttConnectionDetails.class, () -> details)
				.withPropertyValues("mqtt.url=tcp://127.0.0.1:1")
				.run((context) -> {
					MqttClientConnection connection = context.getBean(MqttClientConnection.class);
					await().until(connection::isConnected);
					List<String> received = new CopyOnWriteArrayList<>();
					MqttSubscription subscription = connection.subscribe(new String[] { "compose/#" }, new int[] { 1 },
							(message, ack) -> {
								received.add(new String(message.getPayload(), StandardCharsets.UTF_8));
								ack.run();
							});
					subscription.start();
					context.getBean(MqttTemplate.class).send("compose/check", "through compose").join();
					await().untilAsserted(() -> assertThat(received).containsExactly("through compose"));
					subscription.close();
				});
		}
		finally {
			broker.stop();
		}
	}

	@Test
	void hiveMQCommunityAndEnterpriseImagesAreRecognised() {
		assertThat(detailsOf(TestRunningService.of("hivemq/hivemq-ce:2025.5", "broker.local", 1883, 41883)).getUrl())
			.isEqualTo("mqtt://broker.local:41883");
		assertThat(detailsOf(TestRunningService.of("hivemq/hivemq4:4.40.0", "broker.local", 1883, 41884)).getUrl())
			.isEqualTo("mqtt://broker.local:41884");
	}

	@Test
	void ourImageIsRecognisedAndTakesCredentialsFromProperties() {
		MockEnvironment environment = new MockEnvironment().withProperty("mqtt.username", "telemetry-example")
			.withProperty("mqtt.password", "secret");
		MqttConnectionDetails details = detailsOf(
				TestRunningService.of("mqttstack/mqtt-admin-service:0.1.0-SNAPSHOT", "localhost", 1883, 51883),
				environment);
		assertThat(details.getUrl()).isEqualTo("mqtt://localhost:51883");
		assertThat(details.getUsername()).isEqualTo("telemetry-example");
		assertThat(details.getPassword()).isEqualTo("secret");
	}

	@Test
	void serviceConnectionLabelNamesTheBrokerOfACustomImage() {
		RunningService service = TestRunningService.of("acme/our-mosquitto:1", "localhost", 1883, 31883)
			.withLabel("org.springframework.boot.service-connection", "eclipse-mosquitto");
		assertThat(detailsOf(service).getUrl()).isEqualTo("mqtt://localhost:31883");
	}

	@Test
	void otherImagesGetNoMqttConnectionDetails() {
		assertThat(detailsOf(TestRunningService.of("acme/not-a-broker:1", "localhost", 1883, 31883))).isNull();
	}

}
