/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.listener;

import org.springframework.messaging.Message;

/**
 * Receiver of the messages of one listener container, run on the container's executor.
 */
@FunctionalInterface
public interface MqttMessageListener {

	/**
	 * Handle a message; throwing makes the container retry and then recover it.
	 * @param message the message with {@code byte[]} payload
	 * @throws Exception on failure
	 */
	void onMessage(Message<byte[]> message) throws Exception;

}
