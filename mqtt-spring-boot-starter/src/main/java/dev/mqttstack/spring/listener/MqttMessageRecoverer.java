/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.listener;

import org.springframework.messaging.Message;

/**
 * What a container does with a message whose listener still fails after the last retry.
 */
@FunctionalInterface
public interface MqttMessageRecoverer {

	/**
	 * Recover the message, e.g. publish it to a dead-letter topic.
	 * @param message the failed message
	 * @param exception the last failure
	 */
	void recover(Message<byte[]> message, Exception exception);

}
