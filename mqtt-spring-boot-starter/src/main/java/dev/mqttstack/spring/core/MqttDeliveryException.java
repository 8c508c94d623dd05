/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.core;

/**
 * Failure of a send or request: the broker did not acknowledge in time, refused the
 * message, or the client was not connected.
 */
public class MqttDeliveryException extends RuntimeException {

	public MqttDeliveryException(String message) {
		super(message);
	}

	public MqttDeliveryException(String message, Throwable cause) {
		super(message, cause);
	}

}
