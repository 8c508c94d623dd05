/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.autoconfigure;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the MQTT broker is and how to log in; from {@code mqtt.*} properties or a service
 * connection.
 */
public interface MqttConnectionDetails extends ConnectionDetails {

	/**
	 * Return the broker URL, e.g. {@code tcp://localhost:1883}.
	 * @return the URL
	 */
	String getUrl();

	default String getUsername() {
		return null;
	}

	default String getPassword() {
		return null;
	}

}
