/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mqttstack.spring.connection.MqttClientConnection;
import dev.mqttstack.spring.connection.MqttClientConnections;
import dev.mqttstack.spring.connection.MqttClientSettings;
import dev.mqttstack.spring.connection.MqttSubscription;
import dev.mqttstack.spring.support.MqttHeaders;
import dev.mqttstack.spring.test.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration test of {@code mqtt.will.*}: the broker publishes the configured last will
 * when the application's connection ends without a clean disconnect (here: another
 * connection takes over its client id).
 */
class MqttWillIntegrationTests {

	@RegisterExtension
	static final MosquittoBroker mosquitto = new MosquittoBroker();

	@Test
	void lastWillIsPublishedWhenTheConnectionEndsUncleanly() {
		List<String> wills = new CopyOnWriteArrayList<>();
		MqttClientConnection watcher = connect("will-watcher");
		MqttSubscription subscription = watcher.subscribe(new String[] { "wills/#" }, new int[] { 1 },
				(message, ack) -> {
					wills.add(message.getHeaders().get(MqttHeaders.RECEIVED_TOPIC) + "="
							+ new String(message.getPayload(), StandardCharsets.UTF_8));
					ack.run();
				});
		subscription.start();
		try {
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MqttAutoConfiguration.class))
				.withPropertyValues("mqtt.url=" + mosquitto.getUrl(), "mqtt.client-id=with-will",
						"mqtt.automatic-reconnect=false", "mqtt.will.topic=wills/with-will",
						"mqtt.will.payload=offline", "mqtt.will.qos=1")
				.run((context) -> {
					assertThat(context.getBean(MqttClientConnection.class).isConnected()).isTrue();
					MqttClientConnection usurper = connect("with-will");
					try {
						await().untilAsserted(() -> assertThat(wills).contains("wills/with-will=offline"));
					}
					finally {
						usurper.stop();
					}
				});
		}
		finally {
			subscription.close();
			watcher.stop();
		}
	}

	private static MqttClientConnection connect(String clientId) {
		MqttClientSettings settings = new MqttClientSettings();
		settings.setUrl(mosquitto.getUrl());
		settings.setClientId(clientId);
		MqttClientConnection connection = MqttClientConnections.create(settings, null);
		connection.start();
		return connection;
	}

}
