/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.examples.telemetry;

import dev.mqttstack.spring.annotation.MqttListener;

import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.stereotype.Component;

/**
 * Answers status requests on {@code devices/{deviceId}/status}: the reply goes to the
 * request's MQTT 5 response topic (what {@link DeviceStatusClient} and any
 * {@code sendAndReceive} set), else to {@code devices/status} (MQTT 3.1.1 requests, or
 * clients that only publish).
 */
@Component
class DeviceStatusListener {

	private final LatestReadings readings;

	DeviceStatusListener(LatestReadings readings) {
		this.readings = readings;
	}

	@MqttListener(topics = "devices/{deviceId}/status", qos = 1)
	@SendTo("devices/status")
	DeviceStatus status(@DestinationVariable("deviceId") String deviceId) {
		return new DeviceStatus(deviceId, this.readings.latest(deviceId));
	}

}
