/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.test.broker;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.spring.annotation.MqttListener;
import dev.mqttstack.spring.core.MqttTemplate;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.DestinationVariable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link EmbeddedMqttBroker}: a starter application sends to and receives from
 * the embedded broker.
 */
@SpringBootTest(classes = EmbeddedMqttBrokerTests.Config.class)
@EmbeddedMqttBroker
class EmbeddedMqttBrokerTests {

	@Autowired
	MqttBroker broker;

	@Value("${mqtt.url}")
	String url;

	@Autowired
	MqttTemplate template;

	@Autowired
	Inbox inbox;

	@Test
	void urlPointsAtTheRunningBroker() {
		assertThat(this.broker.isRunning()).isTrue();
		assertThat(this.url).isEqualTo("mqtt://127.0.0.1:" + this.broker.port());
	}

	@Test
	void applicationSendsAndReceivesThroughTheEmbeddedBroker() {
		for (int qos = 0; qos <= 2; qos++) {
			this.template.send("devices/d" + qos + "/hello", new Greeting("hi", qos), qos, false).join();
		}
		await().untilAsserted(
				() -> assertThat(this.inbox.received).containsExactlyInAnyOrder("d0:hi:0", "d1:hi:1", "d2:hi:2"));
	}

	record Greeting(String text, int qos) {
	}

	static class Inbox {

		final List<String> received = new CopyOnWriteArrayList<>();

		@MqttListener(topics = "devices/{id}/hello", qos = 2)
		void onGreeting(@DestinationVariable("id") String id, Greeting greeting) {
			this.received.add(id + ":" + greeting.text() + ":" + greeting.qos());
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
