/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.examples.telemetry;

import dev.mqttstack.spring.annotation.MqttListener;
import dev.mqttstack.spring.core.MqttOperations;
import jakarta.validation.Valid;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;

/**
 * Listener of device telemetry: invalid readings go to the dead-letter topic, hot ones
 * raise an alert, valid ones become the device's latest reading.
 */
@Component
class TelemetryListener {

	private static final Log logger = LogFactory.getLog(TelemetryListener.class);

	private final MqttOperations mqtt;

	private final AlertProperties alerts;

	private final LatestReadings readings;

	TelemetryListener(MqttOperations mqtt, AlertProperties alerts, LatestReadings readings) {
		this.mqtt = mqtt;
		this.alerts = alerts;
		this.readings = readings;
	}

	@MqttListener(topics = "sensors/{deviceId}/telemetry", shareGroup = "${telemetry.share-group:}", qos = 1)
	void onTelemetry(@DestinationVariable("deviceId") String deviceId, @Payload @Valid Telemetry telemetry) {
		// With tracing on the classpath and mqtt.listener.observation-enabled, this line
		// carries the trace id
		// of the publisher's span (Boot's log correlation:
		// [telemetry-example,<traceId>,<spanId>]).
		logger.info("Telemetry from " + deviceId + ": " + telemetry);
		this.readings.record(deviceId, telemetry);
		if (telemetry.temperature() > this.alerts.maxTemperature()) {
			this.mqtt.send("alerts/" + deviceId,
					new Alert(deviceId, telemetry.temperature(), this.alerts.maxTemperature()));
		}
	}

}
