/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.docker;

import dev.mqttstack.spring.autoconfigure.MqttConnectionDetails;

/**
 * Docker Compose service connection: {@link MqttConnectionDetails} of a service running
 * the {@code hivemq/hivemq-ce} and {@code hivemq/hivemq4} images.
 */
class HiveMQDockerComposeConnectionDetailsFactory extends MqttDockerComposeConnectionDetailsFactory {

	HiveMQDockerComposeConnectionDetailsFactory() {
		super("hivemq/hivemq-ce", "hivemq/hivemq4");
	}

}
