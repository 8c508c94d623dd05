/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.config;

import dev.mqttstack.spring.listener.MqttMessageListenerContainer;

/**
 * Factory of listener containers for endpoints;
 * {@code @MqttListener(containerFactory = ...)} names one.
 */
@FunctionalInterface
public interface MqttListenerContainerFactory {

	/**
	 * Create a container, not yet started.
	 * @param endpoint the endpoint
	 * @return the container
	 */
	MqttMessageListenerContainer createListenerContainer(MqttListenerEndpoint endpoint);

}
