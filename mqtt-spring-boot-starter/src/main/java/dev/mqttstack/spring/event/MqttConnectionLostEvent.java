/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.event;

import org.springframework.context.ApplicationEvent;

/**
 * Event published when the shared MQTT connection drops; automatic reconnect, if enabled,
 * is under way.
 */
public class MqttConnectionLostEvent extends ApplicationEvent {

	private final String clientId;

	private final Throwable cause;

	public MqttConnectionLostEvent(Object source, String clientId, Throwable cause) {
		super(source);
		this.clientId = clientId;
		this.cause = cause;
	}

	/**
	 * Return the client identifier whose connection was lost.
	 * @return the client id
	 */
	public String getClientId() {
		return this.clientId;
	}

	/**
	 * Return why the connection was lost, if known.
	 * @return the cause or {@code null}
	 */
	public Throwable getCause() {
		return this.cause;
	}

}
