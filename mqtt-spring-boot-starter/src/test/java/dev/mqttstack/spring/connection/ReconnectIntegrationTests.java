/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.connection;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mqttstack.spring.annotation.MqttListener;
import dev.mqttstack.spring.autoconfigure.MqttHealthIndicator;
import dev.mqttstack.spring.core.MqttTemplate;
import dev.mqttstack.spring.event.MqttConnectionLostEvent;
import dev.mqttstack.spring.event.MqttConnectionRestoredEvent;
import dev.mqttstack.spring.test.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration test of a broker restart: events, health and listeners' subscriptions
 * restored.
 */
@SpringBootTest(classes = ReconnectIntegrationTests.Config.class,
		properties = { "mqtt.max-reconnect-delay=1s", "mqtt.keep-alive=5s" })
@DirtiesContext
class ReconnectIntegrationTests {

	@RegisterExtension
	static final MosquittoBroker mosquitto = new MosquittoBroker();

	@DynamicPropertySource
	static void brokerUrl(DynamicPropertyRegistry registry) {
		registry.add("mqtt.url", mosquitto::getUrl);
	}

	@Autowired
	MqttTemplate template;

	@Autowired
	Recorder recorder;

	@Autowired
	MqttHealthIndicator health;

	@Test
	void subscriptionsAreRestoredAfterBrokerRestart() {
		this.template.send("restart/before", "one").join();
		await().untilAsserted(() -> assertThat(this.recorder.payloads).contains("one"));
		assertThat(this.health.health(false).getStatus().getCode()).isEqualTo("UP");

		mosquitto.stop();
		await().untilAsserted(
				() -> assertThat(this.recorder.events).hasAtLeastOneElementOfType(MqttConnectionLostEvent.class));
		assertThat(this.health.health(false).getStatus().getCode()).isEqualTo("DOWN");

		mosquitto.start();
		await().untilAsserted(
				() -> assertThat(this.recorder.events).hasAtLeastOneElementOfType(MqttConnectionRestoredEvent.class));
		assertThat(this.health.health(false).getStatus().getCode()).isEqualTo("UP");
		await().untilAsserted(() -> {
			this.template.send("restart/after", "two").join();
			assertThat(this.recorder.payloads).contains("two");
		});
	}

	static class Recorder {

		final List<String> payloads = new CopyOnWriteArrayList<>();

		final List<ApplicationEvent> events = new CopyOnWriteArrayList<>();

		@MqttListener("restart/+")
		void onMessage(String payload) {
			this.payloads.add(payload);
		}

		@EventListener({ MqttConnectionLostEvent.class, MqttConnectionRestoredEvent.class })
		void onConnectionEvent(ApplicationEvent event) {
			this.events.add(event);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Config {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

	}

}
