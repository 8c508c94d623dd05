/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.examples.telemetry;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Alerting settings under {@code telemetry.*}.
 *
 * @param maxTemperature temperature in Celsius above which an alert is published
 */
@ConfigurationProperties("telemetry")
public record AlertProperties(double maxTemperature) {
}
