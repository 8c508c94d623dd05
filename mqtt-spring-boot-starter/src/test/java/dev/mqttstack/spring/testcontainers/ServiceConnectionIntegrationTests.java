/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.testcontainers;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.mqttstack.spring.annotation.MqttListener;
import dev.mqttstack.spring.autoconfigure.MqttAutoConfiguration;
import dev.mqttstack.spring.autoconfigure.MqttConnectionDetails;
import dev.mqttstack.spring.core.MqttOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every {@code @ServiceConnection} container test checks: the starter's URL points
 * at the container's mapped port, and the template sends and a listener receives through
 * it.
 */
@SpringBootTest(classes = ServiceConnectionIntegrationTests.Config.class)
abstract class ServiceConnectionIntegrationTests {

	@Autowired
	private MqttOperations mqtt;

	@Autowired
	private MqttConnectionDetails connectionDetails;

	@Autowired
	private Received received;

	/**
	 * The host port the container's MQTT port is mapped to.
	 * @return the port
	 */
	abstract int mappedMqttPort();

	@Test
	void theStarterTalksToTheContainer() {
		assertThat(this.connectionDetails.getUrl()).endsWith(":" + mappedMqttPort());
		await().untilAsserted(() -> {
			this.mqtt.send("containers/" + getClass().getSimpleName(), "hello", 1, false).join();
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
