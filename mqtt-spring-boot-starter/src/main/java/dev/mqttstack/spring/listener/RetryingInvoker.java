/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.listener;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import dev.mqttstack.spring.support.MqttHeaders;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.invocation.MethodArgumentResolutionException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Invoker of one listener for one message: retries a throwing listener with back-off on
 * the calling thread, then hands what still fails to the recoverer, and reports whether
 * the message may be acknowledged.
 */
final class RetryingInvoker {

	private static final Log logger = LogFactory.getLog(MqttMessageListenerContainer.class);

	private final String id;

	private final MqttMessageListener listener;

	private final BackOff backOff;

	private final MqttMessageRecoverer recoverer;

	private final ObservationRegistry observationRegistry;

	RetryingInvoker(String id, MqttMessageListener listener, BackOff backOff, MqttMessageRecoverer recoverer,
			ObservationRegistry observationRegistry) {
		this.id = id;
		this.listener = listener;
		this.backOff = backOff;
		this.recoverer = recoverer;
		this.observationRegistry = observationRegistry;
	}

	/**
	 * Process a message: invoke, retry, recover.
	 * @param message the message
	 * @param running whether the container still runs; a stopping one recovers at once
	 * instead of waiting for the next retry
	 * @return {@code true} when the message was processed or recovered and may be
	 * acknowledged, {@code false} when its recovery failed and it must stay
	 * unacknowledged, so that the broker delivers it again
	 */
	boolean process(Message<byte[]> message, BooleanSupplier running) {
		BackOffExecution retries = null;
		while (true) {
			try {
				invoke(message);
				return true;
			}
			catch (Exception ex) {
				if (retries == null) {
					retries = this.backOff.start();
				}
				long wait = isRetryable(ex) ? retries.nextBackOff() : BackOffExecution.STOP;
				if (wait == BackOffExecution.STOP || !running.getAsBoolean() || !pause(wait)) {
					return recover(message, ex);
				}
				logger.debug("MQTT listener '" + this.id + "' failed, retried in " + wait + "ms: " + ex);
			}
		}
	}

	private void invoke(Message<byte[]> message) throws Exception {
		Observation.createNotStarted("mqtt.listener", this.observationRegistry)
			.contextualName("mqtt receive")
			.lowCardinalityKeyValue("mqtt.listener.id", this.id)
			.highCardinalityKeyValue("mqtt.topic", String.valueOf(message.getHeaders().get(MqttHeaders.RECEIVED_TOPIC)))
			.observeChecked(() -> this.listener.onMessage(message));
	}

	private boolean recover(Message<byte[]> message, Exception ex) {
		try {
			this.recoverer.recover(message, ex);
			return true;
		}
		catch (RuntimeException failure) {
			Integer qos = message.getHeaders().get(MqttHeaders.RECEIVED_QOS, Integer.class);
			String topic = String.valueOf(message.getHeaders().get(MqttHeaders.RECEIVED_TOPIC));
			if (qos != null && qos > 0) {
				logger.error("Recovery of a failed MQTT message from '" + topic + "' on listener '" + this.id
						+ "' failed; the QoS " + qos + " message stays unacknowledged and the broker delivers it"
						+ " again after the next reconnect (a persistent session keeps it across restarts): "
						+ failure.getMessage(), failure);
				return false;
			}
			logger.error("Recovery of a failed QoS 0 MQTT message from '" + topic + "' on listener '" + this.id
					+ "' failed; QoS 0 cannot be delivered again, the message is lost", failure);
			return true;
		}
	}

	private static boolean isRetryable(Exception ex) {
		return !(ex instanceof MessageConversionException || ex instanceof MethodArgumentResolutionException);
	}

	private static boolean pause(long millis) {
		try {
			TimeUnit.MILLISECONDS.sleep(millis);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
