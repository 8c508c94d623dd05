/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.connection;

import org.springframework.messaging.Message;

/**
 * Callback for messages arriving on a subscription; called on the client's callback
 * thread, so it must only hand the message off.
 */
@FunctionalInterface
public interface MqttInboundHandler {

	/**
	 * Take a received message.
	 * @param message the message with {@code byte[]} payload and MQTT headers
	 * @param acknowledgment acknowledges a QoS 1/2 message to the broker; call it once,
	 * from any thread
	 */
	void handle(Message<byte[]> message, Runnable acknowledgment);

}
