/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.autoconfigure;

import dev.mqttstack.spring.connection.MqttClientConnection;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the shared MQTT connection: UP while connected, DOWN otherwise.
 */
public class MqttHealthIndicator extends AbstractHealthIndicator {

	private final MqttClientConnection connection;

	public MqttHealthIndicator(MqttClientConnection connection) {
		super("MQTT health check failed");
		this.connection = connection;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("url", this.connection.getUrl())
			.withDetail("clientId", this.connection.getClientId())
			.withDetail("protocolVersion", this.connection.getProtocolVersion());
		if (this.connection.isConnected()) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

}
