/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.docker;

import dev.mqttstack.spring.autoconfigure.MqttConnectionDetails;

/**
 * Docker Compose service connection: {@link MqttConnectionDetails} of a service running
 * the {@code eclipse-mosquitto} image. The image's default configuration accepts
 * connections from inside the container only: mount a configuration with
 * {@code listener 1883} (and {@code allow_anonymous true} or a password file).
 */
class MosquittoDockerComposeConnectionDetailsFactory extends MqttDockerComposeConnectionDetailsFactory {

	MosquittoDockerComposeConnectionDetailsFactory() {
		super("eclipse-mosquitto");
	}

}
