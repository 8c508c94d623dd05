/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.examples.telemetry;

/**
 * Alert published to {@code alerts/{deviceId}} when a reading crosses the threshold.
 *
 * @param deviceId the device
 * @param temperature the reading that crossed the threshold
 * @param threshold the configured threshold
 */
public record Alert(String deviceId, double temperature, double threshold) {
}
