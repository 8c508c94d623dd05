/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.autoconfigure;

/**
 * {@link MqttConnectionDetails} read from {@link MqttProperties}.
 */
class PropertiesMqttConnectionDetails implements MqttConnectionDetails {

	private final MqttProperties properties;

	PropertiesMqttConnectionDetails(MqttProperties properties) {
		this.properties = properties;
	}

	@Override
	public String getUrl() {
		return this.properties.getUrl();
	}

	@Override
	public String getUsername() {
		return this.properties.getUsername();
	}

	@Override
	public String getPassword() {
		return this.properties.getPassword();
	}

}
