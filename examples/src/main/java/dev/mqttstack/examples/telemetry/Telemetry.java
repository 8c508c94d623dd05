/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.examples.telemetry;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

/**
 * One reading a device publishes as JSON to {@code sensors/{deviceId}/telemetry}.
 *
 * @param temperature degrees Celsius
 * @param humidity relative humidity in percent
 */
public record Telemetry(@NotNull @DecimalMin("-60") @DecimalMax("150") Double temperature,
		@DecimalMin("0") @DecimalMax("100") Double humidity) {
}
