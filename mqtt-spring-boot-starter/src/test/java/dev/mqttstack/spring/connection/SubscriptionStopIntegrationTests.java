/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.connection;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mqttstack.spring.core.MqttMessage;
import dev.mqttstack.spring.test.MosquittoBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of what a stopped {@link MqttSubscription} receives, over MQTT 5 and
 * 3.1.1, with a clean and a persistent session, against a real Mosquitto broker.
 */
class SubscriptionStopIntegrationTests {

	@RegisterExtension
	static final MosquittoBroker mosquitto = new MosquittoBroker();

	private final List<String> received = new CopyOnWriteArrayList<>();

	private MqttClientConnection connection;

	@AfterEach
	void stopConnection() {
		if (this.connection != null) {
			this.connection.stop();
		}
	}

	@ParameterizedTest(name = "MQTT {0}, clean start {1}")
	@CsvSource({ "5, true", "5, false", "3, true", "3, false" })
	void messagePublishedWhileStoppedIsNotDeliveredAfterRestart(int protocolVersion, boolean cleanStart) {
		String prefix = "stop/" + UUID.randomUUID();
		this.connection = start(protocolVersion, cleanStart);
		MqttSubscription stopped = subscribe(prefix + "/stopped");
		// A subscription newer than the stopped one: Paho's MQTT 5 client once failed to
		// unsubscribe then.
		subscribe(prefix + "/barrier");
		send(prefix + "/stopped", "before");
		await().untilAsserted(() -> assertThat(this.received).contains("before"));

		stopped.stop();
		assertThat(stopped.isRunning()).isFalse();
		send(prefix + "/stopped", "while-stopped");
		// One connection delivers in order: once the barrier arrived, a message published
		// before it would have too.
		send(prefix + "/barrier", "barrier");
		await().untilAsserted(() -> assertThat(this.received).contains("barrier"));
		stopped.start();
		send(prefix + "/stopped", "after-start");

		await().untilAsserted(() -> assertThat(this.received).contains("after-start"));
		assertThat(this.received).containsExactly("before", "barrier", "after-start");
	}

	private MqttClientConnection start(int protocolVersion, boolean cleanStart) {
		MqttClientSettings settings = new MqttClientSettings();
		settings.setUrl(mosquitto.getUrl());
		settings.setClientId("stop-" + protocolVersion + "-" + cleanStart + "-" + UUID.randomUUID());
		settings.setProtocolVersion(protocolVersion);
		settings.setCleanStart(cleanStart);
		if (!cleanStart && protocolVersion == 5) {
			settings.setSessionExpiry(Duration.ofMinutes(1));
		}
		MqttClientConnection started = MqttClientConnections.create(settings, null);
		started.start();
		started.whenConnected().join();
		return started;
	}

	private MqttSubscription subscribe(String filter) {
		MqttSubscription subscription = this.connection.subscribe(new String[] { filter }, new int[] { 1 },
				(message, acknowledgment) -> {
					this.received.add(new String(message.getPayload(), StandardCharsets.UTF_8));
					acknowledgment.run();
				});
		subscription.start();
		return subscription;
	}

	private void send(String topic, String payload) {
		this.connection.publish(MqttMessage.builder(topic, payload.getBytes(StandardCharsets.UTF_8)).qos(1).build())
			.join();
	}

}
