/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and key values of the {@code MqttTemplate}'s publish observations; implement it
 * to add or change them.
 */
public interface MqttTemplateObservationConvention extends ObservationConvention<MqttSenderContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof MqttSenderContext;
	}

	@Override
	default String getName() {
		return "mqtt.template";
	}

}
