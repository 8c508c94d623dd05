/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.config;

import java.lang.reflect.Method;

import dev.mqttstack.spring.core.MqttOperations;
import dev.mqttstack.spring.listener.MessagingMessageListenerAdapter;
import dev.mqttstack.spring.listener.MqttListenerErrorHandler;
import dev.mqttstack.spring.listener.MqttMessageListener;

import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;

/**
 * Endpoint of an {@code @MqttListener} method on a bean.
 */
public class MethodMqttListenerEndpoint extends AbstractMqttListenerEndpoint {

	private Object bean;

	private Method method;

	private String sendTo;

	private MqttListenerErrorHandler errorHandler;

	public void setBean(Object bean) {
		this.bean = bean;
	}

	public void setMethod(Method method) {
		this.method = method;
	}

	public void setSendTo(String sendTo) {
		this.sendTo = sendTo;
	}

	public void setErrorHandler(MqttListenerErrorHandler errorHandler) {
		this.errorHandler = errorHandler;
	}

	@Override
	public MqttMessageListener createMessageListener(MessageHandlerMethodFactory methodFactory,
			MqttOperations replyOperations) {
		InvocableHandlerMethod handlerMethod = methodFactory.createInvocableHandlerMethod(this.bean, this.method);
		return new MessagingMessageListenerAdapter(handlerMethod, getTopics(), replyOperations, this.sendTo,
				this.errorHandler);
	}

	@Override
	public String toString() {
		return "MethodMqttListenerEndpoint[" + getId() + " -> " + this.method + "]";
	}

}
