/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.examples.telemetry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The latest valid reading of each device, kept in memory.
 */
@Component
class LatestReadings {

	private final Map<String, Telemetry> readings = new ConcurrentHashMap<>();

	void record(String deviceId, Telemetry telemetry) {
		this.readings.put(deviceId, telemetry);
	}

	Telemetry latest(String deviceId) {
		return this.readings.get(deviceId);
	}

}
