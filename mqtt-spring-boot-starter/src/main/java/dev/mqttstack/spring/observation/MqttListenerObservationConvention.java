/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and key values of the {@code @MqttListener} invocation observations; implement it
 * to add or change them.
 */
public interface MqttListenerObservationConvention extends ObservationConvention<MqttReceiverContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof MqttReceiverContext;
	}

	@Override
	default String getName() {
		return "mqtt.listener";
	}

}
