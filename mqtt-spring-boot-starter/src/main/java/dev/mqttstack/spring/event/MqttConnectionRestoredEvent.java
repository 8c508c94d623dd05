/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.event;

import org.springframework.context.ApplicationEvent;

/**
 * Event published when the shared MQTT connection is established again after it was lost.
 */
public class MqttConnectionRestoredEvent extends ApplicationEvent {

	private final String clientId;

	public MqttConnectionRestoredEvent(Object source, String clientId) {
		super(source);
		this.clientId = clientId;
	}

	/**
	 * Return the client identifier whose connection is back.
	 * @return the client id
	 */
	public String getClientId() {
		return this.clientId;
	}

}
