/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.examples.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mqttstack.spring.annotation.MqttListener;
import dev.mqttstack.spring.core.MqttTemplate;
import dev.mqttstack.spring.test.broker.EmbeddedMqttBroker;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of the telemetry example against the embedded broker.
 */
@SpringBootTest
@EmbeddedMqttBroker
@Import(TelemetryApplicationTests.Observer.Config.class)
class TelemetryApplicationTests {

	@Autowired
	MqttTemplate mqtt;

	@Autowired
	Observer observer;

	@Test
	void hotReadingRaisesAnAlert() {
		this.mqtt.send("sensors/boiler-1/telemetry", new Telemetry(85.0, 20.0)).join();
		await().untilAsserted(() -> assertThat(this.observer.alerts).contains(new Alert("boiler-1", 85.0, 40.0)));
	}

	@Test
	void invalidReadingGoesToTheDeadLetterTopic() {
		this.mqtt.send("sensors/broken-1/telemetry", "{\"humidity\": 400}").join();
		await().untilAsserted(() -> assertThat(this.observer.deadLetters).contains("{\"humidity\": 400}"));
	}

	static class Observer {

		final List<Alert> alerts = new CopyOnWriteArrayList<>();

		final List<String> deadLetters = new CopyOnWriteArrayList<>();

		@MqttListener("alerts/+")
		void onAlert(Alert alert) {
			this.alerts.add(alert);
		}

		@MqttListener("telemetry/dead-letters")
		void onDeadLetter(byte[] payload) {
			this.deadLetters.add(new String(payload, StandardCharsets.UTF_8));
		}

		@TestConfiguration(proxyBeanMethods = false)
		static class Config {

			@Bean
			Observer observer() {
				return new Observer();
			}

		}

	}

}
