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
import org.testcontainers.hivemq.HiveMQContainer;
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
 * {@code @ServiceConnection} on a {@code HiveMQContainer} points the starter at it: the
 * template sends and a listener receives through the container.
 */
@EnabledIf(value = "dev.mqttstack.spring.testcontainers.DockerEngine#isAvailable", disabledReason = DockerEngine.REASON)
@SpringBootTest(classes = HiveMQServiceConnectionIntegrationTests.Config.class)
class HiveMQServiceConnectionIntegrationTests {

	@ServiceConnection
	static final HiveMQContainer hivemq = new HiveMQContainer(
			DockerImageName.parse("hivemq/hivemq-ce").withTag("2025.5"));

	@Autowired
	private MqttOperations mqtt;

	@Autowired
	private MqttConnectionDetails connectionDetails;

	@Autowired
	private Received received;

	@BeforeAll
	static void start() {
		hivemq.start();
	}

	@AfterAll
	static void stop() {
		if (hivemq.getContainerId() != null) {
			hivemq.stop();
		}
	}

	@Test
	void theStarterTalksToTheContainer() {
		assertThat(this.connectionDetails.getUrl()).endsWith(":" + hivemq.getMqttPort());
		await().untilAsserted(() -> {
			this.mqtt.send("containers/hivemq", "hello", 1, false).join();
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
