/*
 * Copyright 2026 the mqtt-stack authors.
 */

package org.springframework.boot.docker.compose.service.connection;

import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.core.env.Environment;

/**
 * Test access to {@link DockerComposeConnectionSource}'s package-private constructor, as
 * Spring Boot's own tests construct it: the source of a running service without a Docker
 * engine.
 */
public final class DockerComposeConnectionSources {

	private DockerComposeConnectionSources() {
	}

	public static DockerComposeConnectionSource of(RunningService service, Environment environment) {
		return new DockerComposeConnectionSource(service, environment);
	}

}
