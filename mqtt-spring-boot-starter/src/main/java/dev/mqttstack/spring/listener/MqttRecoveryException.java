/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.listener;

/**
 * Failure of a {@link MqttMessageRecoverer}: the message was not recovered and stays
 * unacknowledged, so that the broker delivers it again.
 */
public class MqttRecoveryException extends RuntimeException {

	public MqttRecoveryException(String message, Throwable cause) {
		super(message, cause);
	}

}
