/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.testcontainers;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

/**
 * {@code @ServiceConnection} on a generic {@code eclipse-mosquitto} container points the
 * starter at it.
 */
@EnabledIf(value = "dev.mqttstack.spring.testcontainers.DockerEngine#isAvailable", disabledReason = DockerEngine.REASON)
class MosquittoServiceConnectionIntegrationTests extends ServiceConnectionIntegrationTests {

	@ServiceConnection
	static final GenericContainer<?> mosquitto = new GenericContainer<>(DockerImageName.parse("eclipse-mosquitto:2"))
		.withExposedPorts(MosquittoContainerConnectionDetailsFactory.MQTT_PORT)
		.withCommand("mosquitto", "-c", "/mosquitto-no-auth.conf");

	@BeforeAll
	static void start() {
		mosquitto.start();
	}

	@AfterAll
	static void stop() {
		mosquitto.stop();
	}

	@Override
	int mappedMqttPort() {
		return mosquitto.getMappedPort(MosquittoContainerConnectionDetailsFactory.MQTT_PORT);
	}

}
