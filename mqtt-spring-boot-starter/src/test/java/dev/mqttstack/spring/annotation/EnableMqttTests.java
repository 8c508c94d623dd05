/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.annotation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mqttstack.spring.config.DefaultMqttListenerContainerFactory;
import dev.mqttstack.spring.config.MqttListenerEndpointRegistry;
import dev.mqttstack.spring.config.MqttMessageHandlerMethodFactory;
import dev.mqttstack.spring.connection.MqttClientConnection;
import dev.mqttstack.spring.connection.MqttClientConnections;
import dev.mqttstack.spring.connection.MqttClientSettings;
import dev.mqttstack.spring.core.MqttTemplate;
import dev.mqttstack.spring.support.MqttPayloadConverter;
import dev.mqttstack.spring.test.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link EnableMqtt} in a plain Spring application, without Spring Boot's
 * auto-configuration.
 */
class EnableMqttTests {

	@RegisterExtension
	static final MosquittoBroker mosquitto = new MosquittoBroker();

	@Test
	void listenerMethodsWorkWithoutSpringBoot() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.registerBean("brokerUrl", String.class, mosquitto::getUrl);
			context.register(PlainConfig.class);
			context.refresh();
			assertThat(context.getBean(MqttListenerEndpointRegistry.class).getListenerContainerIds()).contains("plain");
			context.getBean(MqttTemplate.class).send("plain/topic", "hello").join();
			await().untilAsserted(() -> assertThat(context.getBean(PlainListener.class).received).contains("hello"));
		}
	}

	static class PlainListener {

		final List<String> received = new CopyOnWriteArrayList<>();

		@MqttListener(id = "plain", topics = "plain/topic")
		void onMessage(String payload) {
			this.received.add(payload);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableMqtt
	static class PlainConfig {

		@Bean
		MqttClientConnection mqttClientConnection(String brokerUrl) {
			MqttClientSettings settings = new MqttClientSettings();
			settings.setUrl(brokerUrl);
			settings.setClientId("plain-spring");
			return MqttClientConnections.create(settings, null);
		}

		@Bean
		MqttPayloadConverter mqttPayloadConverter() {
			return new MqttPayloadConverter(JsonMapper.builder().build());
		}

		@Bean
		MqttTemplate mqttTemplate(MqttClientConnection connection, MqttPayloadConverter converter) {
			return new MqttTemplate(connection, converter);
		}

		@Bean
		DefaultMqttListenerContainerFactory mqttListenerContainerFactory(MqttClientConnection connection,
				MqttPayloadConverter converter, MqttTemplate template) {
			return new DefaultMqttListenerContainerFactory(connection,
					new MqttMessageHandlerMethodFactory(converter, null), template);
		}

		@Bean
		PlainListener plainListener() {
			return new PlainListener();
		}

	}

}
