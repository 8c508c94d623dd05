/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.listener;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import dev.mqttstack.spring.annotation.MqttListener;
import dev.mqttstack.spring.test.MosquittoBroker;
import dev.mqttstack.spring.test.MosquittoPublisher;
import dev.mqttstack.spring.test.StackBroker;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.SendTo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of a replying listener whose queue is full: the client's callback
 * thread, which also completes the reply publishes, must never wait for room. It once
 * did, and every reply then waited for the template's completion timeout.
 */
class ReplyUnderBackpressureIntegrationTests {

	@RegisterExtension
	static final StackBroker stack = new StackBroker();

	@RegisterExtension
	static final MosquittoBroker mosquitto = new MosquittoBroker();

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "stack", "mosquitto" })
	void repliesOfAListenerWithAFullQueueAreNotHeldUp(String broker) {
		String url = "stack".equals(broker) ? stack.getUrl() : mosquitto.getUrl();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Config.class)
			.web(WebApplicationType.NONE)
			.properties("mqtt.url=" + url, "mqtt.client-id=replier-" + UUID.randomUUID(), "mqtt.listener.concurrency=1",
					"mqtt.listener.queue-capacity=0", "mqtt.template.completion-timeout=60s",
					"spring.main.banner-mode=off")
			.run()) {
			Replies replies = context.getBean(Replies.class);
			List<String> requests = IntStream.range(0, 20).mapToObj((i) -> "r" + i).toList();
			MosquittoPublisher.publishLines(url, "backpressure/in", 1, requests);
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThat(replies.received)
					.containsExactlyInAnyOrderElementsOf(requests.stream().map((request) -> "re:" + request).toList()));
		}
	}

	static class Replies {

		final List<String> received = new CopyOnWriteArrayList<>();

		@MqttListener("backpressure/in")
		@SendTo("backpressure/out")
		String reply(String request) {
			return "re:" + request;
		}

		@MqttListener("backpressure/out")
		void onReply(String reply) {
			this.received.add(reply);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Config {

		@Bean
		Replies replies() {
			return new Replies();
		}

	}

}
