/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.config;

import dev.mqttstack.spring.core.MqttOperations;
import dev.mqttstack.spring.listener.MqttMessageListener;

import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;

/**
 * Endpoint of a programmatic {@link MqttMessageListener}, registered without an
 * annotation.
 */
public class SimpleMqttListenerEndpoint extends AbstractMqttListenerEndpoint {

	private MqttMessageListener messageListener;

	public void setMessageListener(MqttMessageListener messageListener) {
		this.messageListener = messageListener;
	}

	@Override
	public MqttMessageListener createMessageListener(MessageHandlerMethodFactory methodFactory,
			MqttOperations replyOperations) {
		return this.messageListener;
	}

}
