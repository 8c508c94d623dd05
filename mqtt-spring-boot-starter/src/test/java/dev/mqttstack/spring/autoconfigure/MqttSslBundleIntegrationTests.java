/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mqttstack.spring.annotation.MqttListener;
import dev.mqttstack.spring.core.MqttTemplate;
import dev.mqttstack.spring.test.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration test of {@code mqtt.ssl.bundle}: TLS to Mosquitto trusting its certificate
 * through a PEM SSL bundle.
 */
@SpringBootTest(classes = MqttSslBundleIntegrationTests.Config.class, properties = "mqtt.ssl.bundle=mqtt")
@DirtiesContext
class MqttSslBundleIntegrationTests {

	@RegisterExtension
	static final MosquittoBroker mosquitto = MosquittoBroker.withTls();

	@DynamicPropertySource
	static void broker(DynamicPropertyRegistry registry) {
		registry.add("mqtt.url", mosquitto::getTlsUrl);
		registry.add("spring.ssl.bundle.pem.mqtt.truststore.certificate", () -> "file:" + mosquitto.getCertificate());
	}

	@Autowired
	MqttTemplate template;

	@Autowired
	Inbox inbox;

	@Test
	void messagesFlowOverTls() {
		this.template.send("tls/hello", "secret").join();
		await().untilAsserted(() -> assertThat(this.inbox.received).contains("secret"));
	}

	static class Inbox {

		final List<String> received = new CopyOnWriteArrayList<>();

		@MqttListener("tls/+")
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
