/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.connection;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mqttstack.spring.annotation.MqttListener;
import dev.mqttstack.spring.autoconfigure.MqttAutoConfiguration;
import dev.mqttstack.spring.core.MqttTemplate;
import dev.mqttstack.spring.test.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration test of an application that starts before its broker, as in a compose file:
 * it starts anyway, connects when the broker comes up, subscribes its listeners and
 * delivers sends made meanwhile.
 */
class StartupWithoutBrokerIntegrationTests {

	@RegisterExtension
	static final MosquittoBroker mosquitto = new MosquittoBroker();

	@Test
	void applicationConnectsAndSubscribesOnceTheBrokerIsUp() {
		mosquitto.stop();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MqttAutoConfiguration.class))
			.withPropertyValues("mqtt.url=" + mosquitto.getUrl(), "mqtt.connection-timeout=1s",
					"mqtt.max-reconnect-delay=1s", "mqtt.template.completion-timeout=20s")
			.withBean(Inbox.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				MqttClientConnection connection = context.getBean(MqttClientConnection.class);
				assertThat(connection.isConnected()).isFalse();
				CompletableFuture<Void> sentWhileDown = context.getBean(MqttTemplate.class)
					.send("late/early", "queued");
				mosquitto.start();
				await().untilAsserted(() -> assertThat(connection.isConnected()).isTrue());
				assertThat(sentWhileDown).succeedsWithin(java.time.Duration.ofSeconds(20));
				await().untilAsserted(() -> {
					context.getBean(MqttTemplate.class).send("late/after", "hello").join();
					assertThat(context.getBean(Inbox.class).received).contains("hello");
				});
			});
	}

	static class Inbox {

		final List<String> received = new CopyOnWriteArrayList<>();

		@MqttListener("late/+")
		void onMessage(String payload) {
			this.received.add(payload);
		}

	}

}
