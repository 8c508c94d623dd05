/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.testcontainers;

import org.testcontainers.DockerClientFactory;

/**
 * Skips a container test, saying so on the console, where no Docker engine runs (as on
 * the machines that build this project; developers' machines usually have one).
 */
final class DockerEngine {

	static final String REASON = "no Docker engine is reachable, so the containers cannot start";

	private DockerEngine() {
	}

	/**
	 * Whether a Docker engine is reachable; prints why the test class is skipped when
	 * not. For {@code @EnabledIf}, which JUnit evaluates before Spring resolves the
	 * {@code @ServiceConnection} container's image.
	 * @return {@code true} when containers can start
	 */
	static boolean isAvailable() {
		boolean available = DockerClientFactory.instance().isDockerAvailable();
		if (!available) {
			System.out.println("[SKIPPED] @ServiceConnection container tests: " + REASON);
		}
		return available;
	}

}
