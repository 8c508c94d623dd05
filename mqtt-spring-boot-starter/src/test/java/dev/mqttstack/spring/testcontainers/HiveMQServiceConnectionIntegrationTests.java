/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.testcontainers;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.hivemq.HiveMQContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

/**
 * {@code @ServiceConnection} on a {@code HiveMQContainer} points the starter at it.
 */
@EnabledIf(value = "dev.mqttstack.spring.testcontainers.DockerEngine#isAvailable", disabledReason = DockerEngine.REASON)
class HiveMQServiceConnectionIntegrationTests extends ServiceConnectionIntegrationTests {

	@ServiceConnection
	static final HiveMQContainer hivemq = new HiveMQContainer(
			DockerImageName.parse("hivemq/hivemq-ce").withTag("2025.5"));

	@BeforeAll
	static void start() {
		hivemq.start();
	}

	@AfterAll
	static void stop() {
		hivemq.stop();
	}

	@Override
	int mappedMqttPort() {
		return hivemq.getMqttPort();
	}

}
