/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.test.broker;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mqttstack.spring.annotation.MqttListener;
import dev.mqttstack.spring.autoconfigure.MqttConnectionDetails;
import dev.mqttstack.spring.core.MqttTemplate;
import dev.mqttstack.spring.test.inbox.MqttTestInbox;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of {@link EmbeddedMqttBroker} with TLS and users in a Spring test: the starter
 * connects over TLS (through the SSL bundle the annotation adds) as the first user, and
 * its listener and template work within that user's allowed topics.
 */
@SpringBootTest(classes = EmbeddedMqttBrokerSecuredSpringTests.Config.class)
@EmbeddedMqttBroker(transport = EmbeddedMqttBroker.Transport.TLS,
		users = { @EmbeddedMqttBroker.User(name = "app", password = "app-pw", allow = { "orders/#", "replies/#" }),
				@EmbeddedMqttBroker.User(name = "other", password = "other-pw") })
class EmbeddedMqttBrokerSecuredSpringTests {

	@Autowired
	EmbeddedMqttBrokerServer server;

	@Autowired
	MqttTemplate template;

	@Autowired
	Orders orders;

	@Value("${mqtt.url}")
	String url;

	@Value("${mqtt.username}")
	String username;

	@Test
	void applicationConnectsOverTlsAsTheFirstUser() {
		assertThat(this.url).startsWith("mqtts://");
		assertThat(this.username).isEqualTo("app");
		this.template.send("orders/42", "order 42").join();
		await().untilAsserted(() -> assertThat(this.orders.received).contains("order 42"));
	}

	@Test
	void inboxUsesTheSameTrustAndUser() {
		try (MqttTestInbox inbox = MqttTestInbox.subscribe(this.server, "orders/#")) {
			this.template.send("orders/43", "order 43").join();
			assertThat(inbox.awaitMessage("orders/43").payloadAsString()).isEqualTo("order 43");
		}
	}

	@Test
	void inboxConnectsAsTheApplicationDoesThroughItsConnectionDetails(
			@Autowired MqttConnectionDetails connectionDetails) {
		assertThat(connectionDetails.getSslBundle()).as("the annotation's SSL bundle").isNotNull();
		try (MqttTestInbox inbox = MqttTestInbox.subscribe(connectionDetails, "orders/#")) {
			this.template.send("orders/44", "order 44").join();
			assertThat(inbox.awaitMessage("orders/44").payloadAsString()).isEqualTo("order 44");
		}
	}

	static class Orders {

		final List<String> received = new CopyOnWriteArrayList<>();

		@MqttListener("orders/+")
		void onOrder(String order) {
			this.received.add(order);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Config {

		@Bean
		Orders orders() {
			return new Orders();
		}

	}

}
