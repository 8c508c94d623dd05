/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.autoconfigure;

import dev.mqttstack.spring.config.DefaultMqttListenerContainerFactory;

/**
 * Callback to adjust the auto-configured listener container factory, e.g. its back-off or
 * recoverer.
 */
@FunctionalInterface
public interface MqttListenerContainerFactoryCustomizer {

	void customize(DefaultMqttListenerContainerFactory factory);

}
