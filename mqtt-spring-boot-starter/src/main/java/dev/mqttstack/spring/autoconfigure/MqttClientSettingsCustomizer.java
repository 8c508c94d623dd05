/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.autoconfigure;

import dev.mqttstack.spring.connection.MqttClientSettings;

/**
 * Callback to adjust the connection settings before the shared connection is created.
 */
@FunctionalInterface
public interface MqttClientSettingsCustomizer {

	void customize(MqttClientSettings settings);

}
