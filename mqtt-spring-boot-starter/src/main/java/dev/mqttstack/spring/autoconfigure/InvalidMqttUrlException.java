/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.autoconfigure;

/**
 * Thrown at startup when the broker URL cannot be used; reported by
 * {@link InvalidMqttUrlFailureAnalyzer}.
 */
public class InvalidMqttUrlException extends IllegalArgumentException {

	private final String url;

	private final String reason;

	public InvalidMqttUrlException(String url, String reason, Throwable cause) {
		super("Invalid MQTT broker URL '" + url + "' (mqtt.url): " + reason, cause);
		this.url = url;
		this.reason = reason;
	}

	public String getUrl() {
		return this.url;
	}

	public String getReason() {
		return this.reason;
	}

}
