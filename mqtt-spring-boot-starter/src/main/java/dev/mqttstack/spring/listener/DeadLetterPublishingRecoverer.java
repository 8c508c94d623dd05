/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.listener;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.mqttstack.spring.core.MqttMessage;
import dev.mqttstack.spring.core.MqttOperations;
import dev.mqttstack.spring.support.MqttHeaders;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.Message;

/**
 * Recoverer that publishes the failed message's bytes to a dead-letter topic, with its
 * original topic and the failure as MQTT 5 user properties; a failed dead-letter publish
 * is logged.
 */
public class DeadLetterPublishingRecoverer implements MqttMessageRecoverer {

	private static final Log logger = LogFactory.getLog(DeadLetterPublishingRecoverer.class);

	private final MqttOperations operations;

	private final String deadLetterTopic;

	private final Duration timeout;

	public DeadLetterPublishingRecoverer(MqttOperations operations, String deadLetterTopic, Duration timeout) {
		this.operations = operations;
		this.deadLetterTopic = deadLetterTopic;
		this.timeout = timeout;
	}

	@Override
	public void recover(Message<byte[]> message, Exception exception) {
		String topic = String.valueOf(message.getHeaders().get(MqttHeaders.RECEIVED_TOPIC));
		Integer qos = message.getHeaders().get(MqttHeaders.RECEIVED_QOS, Integer.class);
		MqttMessage<byte[]> deadLetter = MqttMessage.builder(this.deadLetterTopic, message.getPayload())
			.qos(Math.max(1, (qos != null) ? qos : 1))
			.userProperty(MqttHeaders.DLT_ORIGINAL_TOPIC, topic)
			.userProperty(MqttHeaders.DLT_EXCEPTION_MESSAGE, String.valueOf(rootMessage(exception)))
			.build();
		try {
			this.operations.send(deadLetter).get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			logger.error("Could not publish failed message from '" + topic + "' to dead-letter topic '"
					+ this.deadLetterTopic + "'; message dropped", ex);
		}
	}

	private static String rootMessage(Throwable exception) {
		Throwable current = exception;
		while (current.getCause() != null && current.getCause() != current) {
			current = current.getCause();
		}
		return current.getClass().getSimpleName() + ": " + current.getMessage();
	}

}
