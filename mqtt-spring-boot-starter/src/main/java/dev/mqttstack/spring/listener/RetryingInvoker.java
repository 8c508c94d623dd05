/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.listener;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import dev.mqttstack.spring.observation.DefaultMqttListenerObservationConvention;
import dev.mqttstack.spring.observation.MqttListenerObservationConvention;
import dev.mqttstack.spring.observation.MqttReceiverContext;
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
 * Invoker of one listener for one message: observes every invocation with an
 * {@link MqttReceiverContext} (so a trace continues from the message's MQTT 5 user
 * properties), retries a throwing listener with back-off on the calling thread, then
 * hands what still fails to the recoverer, and reports whether the message may be
 * acknowledged.
 */
final class RetryingInvoker {

	private static final Log logger = LogFactory.getLog(MqttMessageListenerContainer.class);

	private final String id;

	private final MqttMessageListener listener;

	private final BackOff backOff;

	private final MqttMessageRecoverer recoverer;

	private final ObservationRegistry observationRegistry;

	private final MqttListenerObservationConvention observationConvention;

	private final Function<Message<byte[]>, MqttReceiverContext> contextFactory;

	RetryingInvoker(String id, MqttMessageListener listener, BackOff backOff, MqttMessageRecoverer recoverer,
			ObservationRegistry observationRegistry, MqttListenerObservationConvention observationConvention,
			Function<Message<byte[]>, MqttReceiverContext> contextFactory) {
		this.id = id;
		this.listener = listener;
		this.backOff = backOff;
		this.recoverer = recoverer;
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
		this.contextFactory = contextFactory;
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
		MqttReceiverContext context = this.contextFactory.apply(message);
		Observation
			.createNotStarted(this.observationConvention, DefaultMqttListenerObservationConvention.INSTANCE,
					() -> context, this.observationRegistry)
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
