/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mqttstack.spring.connection.MqttClientConnection;
import dev.mqttstack.spring.connection.MqttClientConnections;
import dev.mqttstack.spring.connection.MqttClientSettings;
import dev.mqttstack.spring.connection.MqttSubscription;
import dev.mqttstack.spring.support.MqttHeaders;
import dev.mqttstack.spring.support.MqttPayloadConverter;
import dev.mqttstack.spring.test.MosquittoBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of {@link MqttTemplate} on real connections to Mosquitto, without a
 * Spring context.
 */
class MqttTemplateIntegrationTests {

	@RegisterExtension
	static final MosquittoBroker mosquitto = new MosquittoBroker();

	private final List<MqttClientConnection> connections = new CopyOnWriteArrayList<>();

	@AfterEach
	void stopConnections() {
		this.connections.forEach(MqttClientConnection::stop);
	}

	@Test
	void futuresCompleteOnAcknowledgementAtEachQos() {
		MqttClientConnection connection = connect(mosquitto.getUrl(), 5, true);
		MqttTemplate template = template(connection, Duration.ofSeconds(5));
		List<Message<byte[]>> received = subscribe(connection, "qos/#");
		for (int qos = 0; qos <= 2; qos++) {
			assertThat(template.send("qos/" + qos, "m" + qos, qos, false)).succeedsWithin(Duration.ofSeconds(5));
		}
		await().untilAsserted(() -> assertThat(received).extracting((m) -> m.getHeaders().get(MqttHeaders.RECEIVED_QOS))
			.containsExactlyInAnyOrder(0, 1, 2));
	}

	@Test
	void retainedMessageReachesLateSubscriber() {
		MqttClientConnection connection = connect(mosquitto.getUrl(), 5, true);
		MqttTemplate template = template(connection, Duration.ofSeconds(5));
		template.send("retained/state", "on", 1, true).join();
		List<Message<byte[]>> received = subscribe(connection, "retained/state");
		await().untilAsserted(() -> assertThat(received).hasSize(1));
		assertThat(received.get(0).getHeaders().get(MqttHeaders.RECEIVED_RETAINED)).isEqualTo(true);
		template.send("retained/state", new byte[0], 1, true).join();
	}

	@Test
	void sendFailsClearlyWhenBrokerIsUnreachable() {
		MqttTemplate template = template(connect("tcp://127.0.0.1:1", 5, true), Duration.ofMillis(500));
		CompletableFuture<Void> future = template.send("any/topic", "lost");
		assertThatExceptionOfType(Exception.class).isThrownBy(future::join)
			.havingRootCause()
			.isInstanceOf(MqttDeliveryException.class)
			.withMessageContaining("not acknowledged within PT0.5S")
			.withMessageContaining("is not connected to tcp://127.0.0.1:1");
	}

	@Test
	void requestWithoutResponderTimesOut() {
		MqttTemplate template = template(connect(mosquitto.getUrl(), 5, true), Duration.ofSeconds(5));
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> template.sendAndReceive("nobody/home", "hi", String.class, Duration.ofMillis(300)).join())
			.havingRootCause()
			.isInstanceOf(MqttDeliveryException.class)
			.withMessageContaining("No reply");
	}

	@Test
	void requestReplyNeedsMqtt5() {
		MqttTemplate template = template(connect(mosquitto.getUrl(), 3, true), Duration.ofSeconds(5));
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> template.sendAndReceive("x", "hi", String.class, Duration.ofSeconds(1)).join())
			.havingRootCause()
			.withMessageContaining("MQTT 5");
	}

	@Test
	void mqtt311ConnectionSendsAndReceives() {
		MqttClientConnection connection = connect(mosquitto.getUrl(), 3, true);
		MqttTemplate template = template(connection, Duration.ofSeconds(5));
		List<Message<byte[]>> received = subscribe(connection, "v3/+");
		template.send("v3/a", "hello", 2, false).join();
		await().untilAsserted(() -> assertThat(received).singleElement()
			.satisfies((message) -> assertThat(new String(message.getPayload(), StandardCharsets.UTF_8))
				.isEqualTo("hello")));
	}

	@Test
	void unacknowledgedMessageIsRedeliveredToTheResumedSession() {
		MqttTemplate template = template(connect(mosquitto.getUrl(), 5, true), Duration.ofSeconds(5));
		MqttClientConnection first = connectDurable();
		List<Message<byte[]>> unacknowledged = new CopyOnWriteArrayList<>();
		first.subscribe(new String[] { "durable/jobs" }, new int[] { 1 }, (message, ack) -> unacknowledged.add(message))
			.start();
		template.send("durable/jobs", "job-1", 1, false).join();
		await().untilAsserted(() -> assertThat(unacknowledged).hasSize(1));
		first.stop();

		MqttClientConnection resumed = connectDurable();
		List<String> redelivered = new CopyOnWriteArrayList<>();
		resumed.subscribe(new String[] { "durable/jobs" }, new int[] { 1 }, (message, ack) -> {
			redelivered.add(new String(message.getPayload(), StandardCharsets.UTF_8));
			ack.run();
		}).start();
		await().untilAsserted(() -> assertThat(redelivered).contains("job-1"));
	}

	private MqttClientConnection connectDurable() {
		MqttClientSettings settings = new MqttClientSettings();
		settings.setUrl(mosquitto.getUrl());
		settings.setClientId("durable-client");
		settings.setCleanStart(false);
		settings.setSessionExpiry(Duration.ofMinutes(1));
		MqttClientConnection connection = MqttClientConnections.create(settings, null);
		this.connections.add(connection);
		connection.start();
		return connection;
	}

	private MqttClientConnection connect(String url, int protocolVersion, boolean automaticReconnect) {
		MqttClientSettings settings = new MqttClientSettings();
		settings.setUrl(url);
		settings.setClientId("template-test-" + this.connections.size() + "-" + System.nanoTime());
		settings.setProtocolVersion(protocolVersion);
		settings.setConnectionTimeout(Duration.ofSeconds(2));
		settings.setAutomaticReconnect(automaticReconnect);
		MqttClientConnection connection = MqttClientConnections.create(settings, null);
		this.connections.add(connection);
		connection.start();
		return connection;
	}

	private MqttTemplate template(MqttClientConnection connection, Duration completionTimeout) {
		MqttTemplate template = new MqttTemplate(connection, new MqttPayloadConverter(JsonMapper.builder().build()));
		template.setCompletionTimeout(completionTimeout);
		return template;
	}

	private List<Message<byte[]>> subscribe(MqttClientConnection connection, String filter) {
		List<Message<byte[]>> received = new CopyOnWriteArrayList<>();
		MqttSubscription subscription = connection.subscribe(new String[] { filter }, new int[] { 2 },
				(message, ack) -> {
					received.add(message);
					ack.run();
				});
		subscription.start();
		return received;
	}

}
