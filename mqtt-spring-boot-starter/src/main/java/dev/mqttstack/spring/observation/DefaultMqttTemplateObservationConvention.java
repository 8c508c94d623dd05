/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.observation;

import io.micrometer.common.KeyValues;

/**
 * Default {@link MqttTemplateObservationConvention}: client id, QoS and the messaging
 * system as low-cardinality keys (metric tags), the topic as a high-cardinality key (span
 * attribute only).
 */
public class DefaultMqttTemplateObservationConvention implements MqttTemplateObservationConvention {

	/** A shared instance. */
	public static final DefaultMqttTemplateObservationConvention INSTANCE = new DefaultMqttTemplateObservationConvention();

	@Override
	public String getContextualName(MqttSenderContext context) {
		return context.getTopic() + " publish";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(MqttSenderContext context) {
		return KeyValues.of(MqttObservationKeys.MESSAGING_SYSTEM, "mqtt", MqttObservationKeys.MESSAGING_OPERATION,
				"publish", MqttObservationKeys.CLIENT_ID, String.valueOf(context.getClientId()),
				MqttObservationKeys.QOS, String.valueOf(context.getQos()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(MqttSenderContext context) {
		return KeyValues.of(MqttObservationKeys.DESTINATION, context.getTopic());
	}

}
