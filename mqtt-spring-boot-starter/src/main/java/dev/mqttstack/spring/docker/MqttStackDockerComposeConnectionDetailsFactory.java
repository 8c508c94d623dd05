/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.docker;

import dev.mqttstack.spring.autoconfigure.MqttConnectionDetails;

/**
 * Docker Compose service connection: {@link MqttConnectionDetails} of a service running
 * our own {@code mqttstack/mqtt-admin-service} image (the broker hosted by the admin
 * service); its MQTT users are created through its REST API, so set {@code mqtt.username}
 * and {@code mqtt.password}.
 */
class MqttStackDockerComposeConnectionDetailsFactory extends MqttDockerComposeConnectionDetailsFactory {

	MqttStackDockerComposeConnectionDetailsFactory() {
		super("mqttstack/mqtt-admin-service");
	}

}
