/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.connection;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.AsyncTaskExecutor;

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
		return create(settings, events, null);
	}

	/**
	 * Create a connection, not yet started.
	 * @param settings the settings; protocol version 3 selects MQTT 3.1.1
	 * @param events where connection events go, may be {@code null}
	 * @param taskExecutor where publish completions run, off the client's callback
	 * thread; {@code null} for the connection's own threads
	 * @return the connection
	 */
	public static MqttClientConnection create(MqttClientSettings settings, ApplicationEventPublisher events,
			AsyncTaskExecutor taskExecutor) {
		return switch (settings.getProtocolVersion()) {
			case 5 -> new PahoV5ClientConnection(settings, events, taskExecutor);
			case 3, 4 -> new PahoV3ClientConnection(settings, events, taskExecutor);
			default -> throw new IllegalArgumentException(
					"Unsupported MQTT protocol version " + settings.getProtocolVersion() + "; use 5 or 3 (3.1.1)");
		};
	}

}
