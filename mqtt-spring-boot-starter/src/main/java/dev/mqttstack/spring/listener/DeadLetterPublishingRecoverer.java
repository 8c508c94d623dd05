/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.listener;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.mqttstack.spring.core.MqttMessage;
import dev.mqttstack.spring.core.MqttOperations;
import dev.mqttstack.spring.support.MqttHeaders;
import dev.mqttstack.spring.support.MqttStrings;

import org.springframework.messaging.Message;

/**
 * Recoverer that publishes the failed message's bytes to a dead-letter topic, with its
 * original topic and the failure as MQTT 5 user properties. The failure is one line of at
 * most {@value #MAX_EXCEPTION_MESSAGE} characters (the root cause's class name and
 * message, cleaned of line breaks and characters MQTT forbids). A dead-letter publish
 * that fails or times out throws {@link MqttRecoveryException}: the container then leaves
 * the message unacknowledged, for the broker to deliver again.
 */
public class DeadLetterPublishingRecoverer implements MqttMessageRecoverer {

	/** Longest exception header value. */
	public static final int MAX_EXCEPTION_MESSAGE = 256;

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
			.userProperty(MqttHeaders.DLT_EXCEPTION_MESSAGE, describe(exception))
			.build();
		try {
			this.operations.send(deadLetter).get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new MqttRecoveryException("Publishing the failed message from '" + topic + "' to dead-letter topic '"
					+ this.deadLetterTopic + "' timed out after " + this.timeout, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MqttRecoveryException("Interrupted while publishing the failed message from '" + topic
					+ "' to dead-letter topic '" + this.deadLetterTopic + "'", ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new MqttRecoveryException("Could not publish the failed message from '" + topic
					+ "' to dead-letter topic '" + this.deadLetterTopic + "': " + cause.getMessage(), cause);
		}
	}

	/**
	 * Describe a failure in one bounded line: the root cause's simple class name and its
	 * sanitised message.
	 * @param exception the failure
	 * @return the description
	 */
	public static String describe(Throwable exception) {
		Throwable current = exception;
		while (current.getCause() != null && current.getCause() != current) {
			current = current.getCause();
		}
		String message = current.getMessage();
		String text = current.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
		return MqttStrings.sanitize(text, MAX_EXCEPTION_MESSAGE);
	}

}
