/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.docker;

import dev.mqttstack.spring.autoconfigure.MqttConnectionDetails;

import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionDetailsFactory;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;
import org.springframework.core.env.Environment;

/**
 * Base of the Docker Compose service connections to MQTT brokers: the URL points at the
 * host port mapped to the broker's MQTT port 1883; user name and password come from
 * {@code mqtt.username} / {@code mqtt.password}, since none of the supported images
 * defines MQTT users through its environment.
 */
abstract class MqttDockerComposeConnectionDetailsFactory
		extends DockerComposeConnectionDetailsFactory<MqttConnectionDetails> {

	/** The MQTT port inside the supported images. */
	static final int MQTT_PORT = 1883;

	protected MqttDockerComposeConnectionDetailsFactory(String... connectionNames) {
		super(connectionNames);
	}

	@Override
	protected MqttConnectionDetails getDockerComposeConnectionDetails(DockerComposeConnectionSource source) {
		return new MqttDockerComposeConnectionDetails(source.getRunningService(), source.getEnvironment());
	}

	/** {@link MqttConnectionDetails} of a broker started by Docker Compose. */
	static final class MqttDockerComposeConnectionDetails extends DockerComposeConnectionDetails
			implements MqttConnectionDetails {

		private final String url;

		private final String username;

		private final String password;

		MqttDockerComposeConnectionDetails(RunningService service, Environment environment) {
			super(service);
			this.url = "mqtt://" + service.host() + ":" + service.ports().get(MQTT_PORT);
			this.username = (environment != null) ? environment.getProperty("mqtt.username") : null;
			this.password = (environment != null) ? environment.getProperty("mqtt.password") : null;
		}

		@Override
		public String getUrl() {
			return this.url;
		}

		@Override
		public String getUsername() {
			return this.username;
		}

		@Override
		public String getPassword() {
			return this.password;
		}

	}

}
