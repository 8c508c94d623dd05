/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.autoconfigure;

import dev.mqttstack.spring.core.MqttTemplate;

/**
 * Callback to adjust the auto-configured {@link MqttTemplate}.
 */
@FunctionalInterface
public interface MqttTemplateCustomizer {

	void customize(MqttTemplate template);

}
