/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.annotation;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mqttstack.spring.connection.MqttClientConnection;
import dev.mqttstack.spring.connection.MqttClientConnections;
import dev.mqttstack.spring.connection.MqttClientSettings;
import dev.mqttstack.spring.connection.MqttSubscription;
import dev.mqttstack.spring.core.MqttTemplate;
import dev.mqttstack.spring.test.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of {@link MqttListener} over MQTT 3.1.1
 * ({@code mqtt.protocol-version=3}) against Mosquitto.
 */
@SpringBootTest(classes = Mqtt311ListenerIntegrationTests.Config.class, properties = "mqtt.protocol-version=3")
@DirtiesContext
class Mqtt311ListenerIntegrationTests {

	@RegisterExtension
	static final MosquittoBroker mosquitto = new MosquittoBroker();

	@DynamicPropertySource
	static void brokerUrl(DynamicPropertyRegistry registry) {
		registry.add("mqtt.url", mosquitto::getUrl);
	}

	@Autowired
	MqttTemplate template;

	@Autowired
	Listeners listeners;

	@Test
	void jsonTopicVariablesAndSendToWorkOverMqtt311() {
		this.template.send("v3/rooms/kitchen", new Reading(19.5), 2, false).join();
		await().untilAsserted(() -> assertThat(this.listeners.replies).contains("kitchen=19.5"));
	}

	@Test
	void sharedGroupSplitsMessagesBetweenReplicasOverMqtt311() {
		List<String> other = new CopyOnWriteArrayList<>();
		MqttClientSettings settings = new MqttClientSettings();
		settings.setUrl(mosquitto.getUrl());
		settings.setClientId("v3-replica");
		settings.setProtocolVersion(3);
		MqttClientConnection replica = MqttClientConnections.create(settings, null);
		replica.start();
		try (MqttSubscription subscription = replica.subscribe(new String[] { "$share/v3workers/v3/jobs" },
				new int[] { 1 }, (message, ack) -> {
					other.add(new String(message.getPayload(), StandardCharsets.UTF_8));
					ack.run();
				})) {
			subscription.start();
			for (int i = 0; i < 20; i++) {
				this.template.send("v3/jobs", "job" + i).join();
			}
			await().untilAsserted(() -> assertThat(this.listeners.jobs.size() + other.size()).isEqualTo(20));
			assertThat(this.listeners.jobs).isNotEmpty().doesNotContainAnyElementsOf(other);
			assertThat(other).isNotEmpty();
		}
		finally {
			replica.stop();
		}
	}

	record Reading(double celsius) {
	}

	static class Listeners {

		final List<String> replies = new CopyOnWriteArrayList<>();

		final List<String> jobs = new CopyOnWriteArrayList<>();

		@MqttListener(topics = "v3/rooms/{room}", qos = 2)
		@SendTo("v3/replies")
		String onReading(@DestinationVariable("room") String room, Reading reading) {
			return room + "=" + reading.celsius();
		}

		@MqttListener("v3/replies")
		void onReply(String reply) {
			this.replies.add(reply);
		}

		@MqttListener(topics = "v3/jobs", shareGroup = "v3workers")
		void onJob(String job) {
			this.jobs.add(job);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Config {

		@Bean
		Listeners listeners() {
			return new Listeners();
		}

	}

}
