/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.testcontainers;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the Testcontainers connection details factories are registered; no Docker
 * engine runs where these tests run, so the containers themselves are not started.
 */
class ServiceConnectionFactoriesTests {

	@Test
	void factoriesAreRegisteredForHiveMQAndMosquittoContainers() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
			.load(ConnectionDetailsFactory.class))
			.hasAtLeastOneElementOfType(HiveMQContainerConnectionDetailsFactory.class)
			.hasAtLeastOneElementOfType(MosquittoContainerConnectionDetailsFactory.class);
	}

}
