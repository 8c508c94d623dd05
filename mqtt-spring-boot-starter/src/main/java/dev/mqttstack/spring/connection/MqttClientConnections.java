/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.connection;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Factory of the connection implementation that fits the configured protocol version.
 */
public final class MqttClientConnections {

	private MqttClientConnections() {
	}

	/**
	 * Create a connection, not yet started.
	 * @param settings the settings; protocol version 3 selects MQTT 3.1.1
	 * @param events where connection events go, may be {@code null}
	 * @return the connection
	 */
	public static MqttClientConnection create(MqttClientSettings settings, ApplicationEventPublisher events) {
		return switch (settings.getProtocolVersion()) {
			case 5 -> new PahoV5ClientConnection(settings, events);
			case 3, 4 -> new PahoV3ClientConnection(settings, events);
			default -> throw new IllegalArgumentException(
					"Unsupported MQTT protocol version " + settings.getProtocolVersion() + "; use 5 or 3 (3.1.1)");
		};
	}

}
