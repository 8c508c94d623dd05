/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.testcontainers;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.mqttstack.spring.annotation.MqttListener;
import dev.mqttstack.spring.autoconfigure.MqttAutoConfiguration;
import dev.mqttstack.spring.autoconfigure.MqttConnectionDetails;
import dev.mqttstack.spring.core.MqttOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @ServiceConnection} on a generic {@code eclipse-mosquitto} container points the
 * starter at it: the template sends and a listener receives through the container.
 */
@EnabledIf(value = "dev.mqttstack.spring.testcontainers.DockerEngine#isAvailable", disabledReason = DockerEngine.REASON)
@SpringBootTest(classes = MosquittoServiceConnectionIntegrationTests.Config.class)
class MosquittoServiceConnectionIntegrationTests {

	@ServiceConnection
	static final GenericContainer<?> mosquitto = new GenericContainer<>(DockerImageName.parse("eclipse-mosquitto:2"))
		.withExposedPorts(MosquittoContainerConnectionDetailsFactory.MQTT_PORT)
		.withCommand("mosquitto", "-c", "/mosquitto-no-auth.conf");

	@Autowired
	private MqttOperations mqtt;

	@Autowired
	private MqttConnectionDetails connectionDetails;

	@Autowired
	private Received received;

	@BeforeAll
	static void start() {
		mosquitto.start();
	}

	@AfterAll
	static void stop() {
		if (mosquitto.getContainerId() != null) {
			mosquitto.stop();
		}
	}

	@Test
	void theStarterTalksToTheContainer() {
		assertThat(this.connectionDetails.getUrl())
			.endsWith(":" + mosquitto.getMappedPort(MosquittoContainerConnectionDetailsFactory.MQTT_PORT));
		await().untilAsserted(() -> {
			this.mqtt.send("containers/mosquitto", "hello", 1, false).join();
			assertThat(this.received.messages).contains("hello");
		});
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(MqttAutoConfiguration.class)
	static class Config {

		@Bean
		Received received() {
			return new Received();
		}

	}

	static class Received {

		final List<String> messages = new CopyOnWriteArrayList<>();

		@MqttListener(topics = "containers/#", qos = 1)
		void onMessage(String payload) {
			this.messages.add(payload);
		}

	}

}
