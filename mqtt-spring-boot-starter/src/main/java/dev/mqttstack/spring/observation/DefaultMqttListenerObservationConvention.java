/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.observation;

import io.micrometer.common.KeyValues;

/**
 * Default {@link MqttListenerObservationConvention}: listener id, topic filter, QoS,
 * client id and the messaging system as low-cardinality keys (metric tags), the topic a
 * message was published to as a high-cardinality key (span attribute only).
 */
public class DefaultMqttListenerObservationConvention implements MqttListenerObservationConvention {

	/** A shared instance. */
	public static final DefaultMqttListenerObservationConvention INSTANCE = new DefaultMqttListenerObservationConvention();

	@Override
	public String getContextualName(MqttReceiverContext context) {
		return topicFilter(context) + " process";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(MqttReceiverContext context) {
		Integer qos = context.getQos();
		return KeyValues.of(MqttObservationKeys.MESSAGING_SYSTEM, "mqtt", MqttObservationKeys.MESSAGING_OPERATION,
				"process", MqttObservationKeys.CLIENT_ID, String.valueOf(context.getClientId()),
				MqttObservationKeys.LISTENER_ID, context.getListenerId(), MqttObservationKeys.TOPIC_FILTER,
				topicFilter(context), MqttObservationKeys.QOS, (qos != null) ? String.valueOf(qos) : "unknown");
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(MqttReceiverContext context) {
		String topic = context.getTopic();
		return KeyValues.of(MqttObservationKeys.DESTINATION, (topic != null) ? topic : "unknown");
	}

	private static String topicFilter(MqttReceiverContext context) {
		return String.join(",", context.getTopicFilters());
	}

}
