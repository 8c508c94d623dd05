/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Failure analyzer that names the {@code mqtt.url} property and the accepted forms when
 * the broker URL is invalid.
 */
class InvalidMqttUrlFailureAnalyzer extends AbstractFailureAnalyzer<InvalidMqttUrlException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidMqttUrlException cause) {
		return new FailureAnalysis(
				"The MQTT broker URL '" + cause.getUrl() + "' set by property 'mqtt.url' (or an MqttConnectionDetails"
						+ " bean) is invalid: " + cause.getReason() + ".",
				"Set 'mqtt.url' to a URL such as mqtt://localhost:1883, mqtts://broker:8883, ws://broker:8080/mqtt"
						+ " or wss://broker/mqtt (tcp:// and ssl:// are accepted too), or remove it and set 'mqtt.host',"
						+ " 'mqtt.port' and 'mqtt.transport' instead.",
				cause);
	}

}
