/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.observation;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.spring.connection.MqttClientConnection;
import dev.mqttstack.spring.connection.MqttClientConnections;
import dev.mqttstack.spring.connection.MqttClientSettings;
import dev.mqttstack.spring.core.MqttTemplate;
import dev.mqttstack.spring.listener.MqttMessageListenerContainer;
import dev.mqttstack.spring.support.MqttPayloadConverter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of {@link MqttClientMetrics} against our broker, read from a
 * {@link SimpleMeterRegistry}.
 */
class MqttClientMetricsTests {

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	MqttBroker broker = MqttBroker.builder().host("127.0.0.1").port(0).build();

	MqttClientMetrics metrics;

	MqttClientConnection connection;

	@AfterEach
	void stop() {
		if (this.connection != null) {
			this.connection.stop();
		}
		this.broker.stop();
	}

	private MqttClientConnection connect(String clientId) {
		MqttClientSettings settings = new MqttClientSettings();
		settings.setUrl("tcp://127.0.0.1:" + this.broker.port());
		settings.setClientId(clientId);
		settings.setMaxReconnectDelay(Duration.ofSeconds(1));
		this.connection = MqttClientConnections.create(settings, (event) -> {
			if (this.metrics != null
					&& event instanceof org.springframework.context.ApplicationEvent applicationEvent) {
				this.metrics.onApplicationEvent(applicationEvent);
			}
		});
		return this.connection;
	}

	private double gauge(String name) {
		return this.meters.get(name).gauge().value();
	}

	@Test
	void connectionStateLossesReconnectsAndWaitingSendsAreMeasured() {
		this.broker.start();
		int port = this.broker.port();
		MqttClientConnection connection = connect("metrics-connection");
		MqttTemplate template = new MqttTemplate(connection, new MqttPayloadConverter(JsonMapper.builder().build()));
		this.metrics = new MqttClientMetrics(connection, () -> template, List::of);
		this.metrics.bindTo(this.meters);
		connection.start();
		await().until(connection::isConnected);
		assertThat(gauge(MqttClientMetrics.CONNECTED)).isEqualTo(1.0);
		assertThat(this.meters.get(MqttClientMetrics.CONNECTED).gauge().getId().getTag("client.id"))
			.isEqualTo("metrics-connection");

		this.broker.stop();
		await().untilAsserted(() -> assertThat(gauge(MqttClientMetrics.CONNECTED)).isZero());
		await().untilAsserted(
				() -> assertThat(this.meters.get(MqttClientMetrics.CONNECTION_LOST).functionCounter().count())
					.isEqualTo(1.0));
		CompletableFuture<Void> waiting = template.send("metrics/waiting", "while down");
		assertThat(gauge(MqttClientMetrics.PUBLISH_IN_FLIGHT)).isEqualTo(1.0);

		this.broker = MqttBroker.builder().host("127.0.0.1").port(port).build();
		this.broker.start();
		waiting.join();
		assertThat(gauge(MqttClientMetrics.PUBLISH_IN_FLIGHT)).isZero();
		assertThat(gauge(MqttClientMetrics.CONNECTED)).isEqualTo(1.0);
		await().untilAsserted(() -> assertThat(this.meters.get(MqttClientMetrics.RECONNECTS).functionCounter().count())
			.isEqualTo(1.0));
	}

	@Test
	void listenerMessagesRunningAndQueuedAreMeasured() throws Exception {
		this.broker.start();
		MqttClientConnection connection = connect("metrics-listener");
		MqttTemplate template = new MqttTemplate(connection, new MqttPayloadConverter(JsonMapper.builder().build()));
		CountDownLatch release = new CountDownLatch(1);
		MqttMessageListenerContainer container = new MqttMessageListenerContainer("slow", connection,
				new String[] { "metrics/slow" }, new int[] { 1 }, (message) -> release.await(30, TimeUnit.SECONDS));
		container.setConcurrency(1);
		container.setQueueCapacity(10);
		this.metrics = new MqttClientMetrics(connection, () -> template, () -> List.of(container));
		this.metrics.bindTo(this.meters);
		connection.start();
		container.start();
		try {
			for (int i = 0; i < 4; i++) {
				template.send("metrics/slow", "message " + i).join();
			}
			await().untilAsserted(() -> {
				assertThat(this.meters.get(MqttClientMetrics.LISTENER_IN_FLIGHT)
					.tag("listener.id", "slow")
					.gauge()
					.value()).isEqualTo(1.0);
				assertThat(this.meters.get(MqttClientMetrics.LISTENER_QUEUE_DEPTH)
					.tag("listener.id", "slow")
					.gauge()
					.value()).isEqualTo(3.0);
			});
			release.countDown();
			await().untilAsserted(() -> {
				assertThat(this.meters.get(MqttClientMetrics.LISTENER_IN_FLIGHT).gauge().value()).isZero();
				assertThat(this.meters.get(MqttClientMetrics.LISTENER_QUEUE_DEPTH).gauge().value()).isZero();
			});
		}
		finally {
			release.countDown();
			container.stop();
		}
	}

	@Test
	void qos0MessagesDroppedBeyondTheQueueAreCounted() throws Exception {
		this.broker.start();
		MqttClientConnection connection = connect("metrics-dropped");
		MqttTemplate template = new MqttTemplate(connection, new MqttPayloadConverter(JsonMapper.builder().build()));
		CountDownLatch release = new CountDownLatch(1);
		MqttMessageListenerContainer container = new MqttMessageListenerContainer("lossy", connection,
				new String[] { "metrics/lossy" }, new int[] { 0 }, (message) -> release.await(30, TimeUnit.SECONDS));
		container.setConcurrency(1);
		container.setQueueCapacity(1);
		this.metrics = new MqttClientMetrics(connection, () -> template, () -> List.of(container));
		this.metrics.bindTo(this.meters);
		connection.start();
		container.start();
		try {
			template.send("metrics/lossy", "running", 0, false).join();
			await().untilAsserted(() -> assertThat(gauge(MqttClientMetrics.LISTENER_IN_FLIGHT)).isEqualTo(1.0));
			for (int i = 0; i < 3; i++) {
				template.send("metrics/lossy", "message " + i, 0, false).join();
			}
			await().untilAsserted(() -> {
				assertThat(gauge(MqttClientMetrics.LISTENER_QUEUE_DEPTH)).isEqualTo(1.0);
				assertThat(this.meters.get(MqttClientMetrics.LISTENER_DROPPED)
					.tag("listener.id", "lossy")
					.functionCounter()
					.count()).isEqualTo(2.0);
			});
		}
		finally {
			release.countDown();
			container.stop();
		}
	}

}
