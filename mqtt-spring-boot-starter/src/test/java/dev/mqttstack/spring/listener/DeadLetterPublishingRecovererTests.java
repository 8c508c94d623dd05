/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.listener;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.mqttstack.spring.connection.MqttClientConnection;
import dev.mqttstack.spring.connection.MqttClientConnections;
import dev.mqttstack.spring.connection.MqttClientSettings;
import dev.mqttstack.spring.core.MqttTemplate;
import dev.mqttstack.spring.support.MqttHeaders;
import dev.mqttstack.spring.support.MqttPayloadConverter;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of {@link DeadLetterPublishingRecoverer}.
 */
class DeadLetterPublishingRecovererTests {

	@Test
	void exceptionDescriptionIsOneBoundedLineOfTheRootCause() {
		Exception failure = new MessageConversionException(
				"Could not read JSON for public void " + "x".repeat(900) + "(java.lang.String)",
				new IllegalStateException("Unexpected token 'not'\n at [line: 1]"));
		assertThat(DeadLetterPublishingRecoverer.describe(failure))
			.isEqualTo("IllegalStateException: Unexpected token 'not' at [line: 1]");
		String longRoot = DeadLetterPublishingRecoverer.describe(new IllegalStateException("y\n".repeat(900)));
		assertThat(longRoot).hasSize(DeadLetterPublishingRecoverer.MAX_EXCEPTION_MESSAGE).doesNotContain("\n");
	}

	@Test
	void deadLetterPublishThatTimesOutFailsNamingTopicAndTimeout() throws IOException {
		MqttClientSettings settings = new MqttClientSettings();
		try (ServerSocket closed = new ServerSocket(0)) {
			settings.setUrl("mqtt://127.0.0.1:" + closed.getLocalPort());
		}
		settings.setClientId("never-started");
		// Never started: its sends wait for a connection that does not come.
		MqttClientConnection connection = MqttClientConnections.create(settings, null);
		MqttTemplate template = new MqttTemplate(connection, new MqttPayloadConverter(JsonMapper.builder().build()));
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template, "orders-dlt",
				Duration.ofMillis(200));
		Message<byte[]> failed = MessageBuilder.withPayload("bad".getBytes(StandardCharsets.UTF_8))
			.setHeader(MqttHeaders.RECEIVED_TOPIC, "orders/eu")
			.setHeader(MqttHeaders.RECEIVED_QOS, 1)
			.build();
		assertThatExceptionOfType(MqttRecoveryException.class)
			.isThrownBy(() -> recoverer.recover(failed, new IllegalStateException("boom")))
			.withMessage("Publishing the failed message from 'orders/eu' to dead-letter topic 'orders-dlt' timed out"
					+ " after PT0.2S");
	}

}
