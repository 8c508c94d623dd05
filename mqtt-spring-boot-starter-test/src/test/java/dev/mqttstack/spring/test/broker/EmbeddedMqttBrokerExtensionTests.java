/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.test.broker;

import java.nio.charset.StandardCharsets;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.spring.test.inbox.MqttTestInbox;
import dev.mqttstack.spring.test.inbox.ReceivedMqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link EmbeddedMqttBrokerExtension} without Spring: injection of the broker's
 * coordinates and a real HiveMQ client publishing to a {@link MqttTestInbox}.
 */
@ExtendWith(EmbeddedMqttBrokerExtension.class)
class EmbeddedMqttBrokerExtensionTests {

	@InjectMqttBroker
	String url;

	@InjectMqttBroker
	int port;

	@InjectMqttBroker
	MqttBroker broker;

	@Test
	void fieldsReceiveTheRunningBrokersCoordinates(EmbeddedMqttBrokerServer server) {
		assertThat(this.broker.isRunning()).isTrue();
		assertThat(this.port).isEqualTo(this.broker.port()).isPositive();
		assertThat(this.url).isEqualTo("mqtt://127.0.0.1:" + this.port).isEqualTo(server.getUrl());
		assertThat(server.getBroker()).isSameAs(this.broker);
	}

	@Test
	void parametersAreResolvedByType(@InjectMqttBroker String url, @InjectMqttBroker int port) {
		assertThat(url).isEqualTo(this.url);
		assertThat(port).isEqualTo(this.port);
	}

	@Test
	void inboxReceivesWhatARealClientPublishes(EmbeddedMqttBrokerServer server) {
		try (MqttTestInbox inbox = MqttTestInbox.subscribe(server, "plain/#")) {
			Mqtt5BlockingClient client = Mqtt5Client.builder()
				.serverHost(server.getHost())
				.serverPort(server.getPort())
				.buildBlocking();
			client.connect();
			try {
				client.publishWith()
					.topic("plain/one")
					.qos(MqttQos.AT_LEAST_ONCE)
					.payload("{\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8))
					.userProperties()
					.add("origin", "hivemq")
					.applyUserProperties()
					.send();
			}
			finally {
				client.disconnect();
			}
			ReceivedMqttMessage message = inbox.awaitMessage("plain/one");
			assertThat(message.qos()).isEqualTo(1);
			assertThat(message.payloadAs(Greeting.class)).isEqualTo(new Greeting("hi"));
			assertThat(message.userProperty("origin")).isEqualTo("hivemq");
		}
	}

	@Test
	void inboxFailsWithWhatItReceivedWhenNothingMatches(EmbeddedMqttBrokerServer server) {
		try (MqttTestInbox inbox = MqttTestInbox.subscribe(server, "quiet/#")
			.timeout(java.time.Duration.ofMillis(300))) {
			org.assertj.core.api.Assertions.assertThatThrownBy(() -> inbox.awaitMessage("quiet/never"))
				.isInstanceOf(AssertionError.class)
				.hasMessageContaining("a message on 'quiet/never'")
				.hasMessageContaining("[quiet/#]");
		}
	}

	record Greeting(String text) {
	}

}
