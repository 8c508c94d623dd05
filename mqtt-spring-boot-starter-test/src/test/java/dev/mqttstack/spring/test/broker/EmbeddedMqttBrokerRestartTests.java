/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.test.broker;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.spring.annotation.MqttListener;
import dev.mqttstack.spring.connection.MqttClientConnection;
import dev.mqttstack.spring.core.MqttTemplate;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that a starter application reconnects to the embedded broker after it restarts
 * and subscribes again.
 */
@SpringBootTest(classes = EmbeddedMqttBrokerRestartTests.Config.class, properties = "mqtt.max-reconnect-delay=1s")
@EmbeddedMqttBroker
@DirtiesContext
class EmbeddedMqttBrokerRestartTests {

	@Autowired
	MqttBroker broker;

	@Autowired
	MqttClientConnection connection;

	@Autowired
	MqttTemplate template;

	@Autowired
	Inbox inbox;

	@Test
	void listenersSubscribeAgainAfterTheBrokerRestarts() {
		int port = this.broker.port();
		this.broker.stop();
		await().untilAsserted(() -> assertThat(this.connection.isConnected()).isFalse());
		MqttBroker restarted = MqttBroker.builder().host("127.0.0.1").port(port).build();
		restarted.start();
		try {
			await().untilAsserted(() -> assertThat(this.connection.isConnected()).isTrue());
			await().untilAsserted(() -> {
				this.template.send("restart/ping", "pong").join();
				assertThat(this.inbox.received).contains("pong");
			});
		}
		finally {
			restarted.stop();
		}
	}

	static class Inbox {

		final List<String> received = new CopyOnWriteArrayList<>();

		@MqttListener("restart/+")
		void onMessage(String payload) {
			this.received.add(payload);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Config {

		@Bean
		Inbox inbox() {
			return new Inbox();
		}

	}

}
