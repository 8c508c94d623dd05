/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.listener;

import org.springframework.messaging.Message;

/**
 * Handler of an exception thrown by an {@code @MqttListener} method, named by the
 * annotation's {@code errorHandler}; it may return a reply or rethrow to let the
 * container retry.
 */
@FunctionalInterface
public interface MqttListenerErrorHandler {

	/**
	 * Handle the failure.
	 * @param message the message the listener failed on, payload as received
	 * @param exception the exception
	 * @return a reply to send, or {@code null}
	 * @throws Exception to hand the failure back to the container
	 */
	Object handleError(Message<?> message, Exception exception) throws Exception;

}
