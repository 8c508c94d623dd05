/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.examples.telemetry;

/**
 * Reply to a status request: the latest reading of a device, if any.
 *
 * @param deviceId the device
 * @param latest its latest valid reading, or {@code null} if none arrived yet
 */
public record DeviceStatus(String deviceId, Telemetry latest) {
}
