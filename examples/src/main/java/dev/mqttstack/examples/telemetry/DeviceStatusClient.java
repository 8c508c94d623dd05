/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.examples.telemetry;

import java.time.Duration;

import dev.mqttstack.spring.core.MqttOperations;

import org.springframework.stereotype.Component;

/**
 * Asks for a device's status over MQTT request/reply ({@code sendAndReceive}: MQTT 5
 * response topic and correlation data), as another service would.
 */
@Component
public class DeviceStatusClient {

	private final MqttOperations mqtt;

	DeviceStatusClient(MqttOperations mqtt) {
		this.mqtt = mqtt;
	}

	/**
	 * Ask for a device's status and wait for the reply.
	 * @param deviceId the device
	 * @return the status
	 */
	public DeviceStatus status(String deviceId) {
		return this.mqtt
			.sendAndReceive("devices/" + deviceId + "/status", "{}", DeviceStatus.class, Duration.ofSeconds(10))
			.join();
	}

}
