/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.autoconfigure;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.ssl.SslBundle;

/**
 * Where the MQTT broker is and how to log in; from {@code mqtt.*} properties or a service
 * connection.
 */
public interface MqttConnectionDetails extends ConnectionDetails {

	/**
	 * Return the broker URL, e.g. {@code mqtt://localhost:1883}; {@code mqtts://},
	 * {@code ws://}, {@code wss://}, {@code tcp://} and {@code ssl://} are accepted too.
	 * @return the URL
	 */
	String getUrl();

	default String getUsername() {
		return null;
	}

	default String getPassword() {
		return null;
	}

	/**
	 * Return the SSL bundle whose trust and key material the connection uses.
	 * @return the bundle or {@code null} for the JVM's defaults (or no TLS)
	 */
	default SslBundle getSslBundle() {
		return null;
	}

}
