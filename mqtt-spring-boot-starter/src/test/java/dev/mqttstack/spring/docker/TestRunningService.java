/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.docker;

import java.util.List;
import java.util.Map;

import org.springframework.boot.docker.compose.core.ConnectionPorts;
import org.springframework.boot.docker.compose.core.ImageReference;
import org.springframework.boot.docker.compose.core.RunningService;

/**
 * A {@link RunningService} as {@code docker compose ps} would describe it: image, host
 * and the host ports mapped to container ports.
 *
 * @param name the service name
 * @param image the image reference
 * @param host the host the ports are published on
 * @param portMappings container port to host port
 * @param labels the service's labels
 */
record TestRunningService(String name, ImageReference image, String host, Map<Integer, Integer> portMappings,
		Map<String, String> labels) implements RunningService {

	static TestRunningService of(String image, String host, int containerPort, int hostPort) {
		return new TestRunningService("broker", ImageReference.of(image), host, Map.of(containerPort, hostPort),
				Map.of());
	}

	TestRunningService withLabel(String name, String value) {
		return new TestRunningService(this.name, this.image, this.host, this.portMappings, Map.of(name, value));
	}

	@Override
	public ConnectionPorts ports() {
		return new ConnectionPorts() {

			@Override
			public int get(int containerPort) {
				Integer hostPort = TestRunningService.this.portMappings.get(containerPort);
				if (hostPort == null) {
					throw new IllegalStateException("No host port for container port " + containerPort);
				}
				return hostPort;
			}

			@Override
			public List<Integer> getAll() {
				return List.copyOf(TestRunningService.this.portMappings.keySet());
			}

			@Override
			public List<Integer> getAll(String protocol) {
				return "tcp".equals(protocol) ? getAll() : List.of();
			}

		};
	}

	@Override
	public Map<String, String> env() {
		return Map.of();
	}

}
