/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mqttstack.spring.connection.MqttClientConnection;
import dev.mqttstack.spring.observation.DefaultMqttTemplateObservationConvention;
import dev.mqttstack.spring.observation.MqttSenderContext;
import dev.mqttstack.spring.observation.MqttTemplateObservationConvention;
import dev.mqttstack.spring.support.MqttPayloadConverter;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.util.Assert;

/**
 * Default {@link MqttOperations}: converts payloads, publishes on the shared connection
 * and completes each future on the broker's acknowledgement, observed through Micrometer
 * as {@code mqtt.template} when an {@link ObservationRegistry} is set (a tracer then
 * propagates the trace in the message's MQTT 5 user properties).
 */
public class MqttTemplate implements MqttOperations, DisposableBean {

	private final MqttClientConnection connection;

	private final MqttPayloadConverter converter;

	private int defaultQos = 1;

	private Duration completionTimeout = Duration.ofSeconds(30);

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private MqttTemplateObservationConvention observationConvention;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final ReplyCorrelator replies;

	public MqttTemplate(MqttClientConnection connection, MqttPayloadConverter converter) {
		this(connection, converter, "replies/" + connection.getClientId());
	}

	public MqttTemplate(MqttClientConnection connection, MqttPayloadConverter converter, String replyTopic) {
		this.connection = connection;
		this.converter = converter;
		this.replies = new ReplyCorrelator(connection, replyTopic);
	}

	public void setDefaultQos(int defaultQos) {
		Assert.isTrue(defaultQos >= 0 && defaultQos <= 2, "'defaultQos' must be 0, 1 or 2");
		this.defaultQos = defaultQos;
	}

	public void setCompletionTimeout(Duration completionTimeout) {
		this.completionTimeout = completionTimeout;
	}

	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		this.observationRegistry = observationRegistry;
	}

	/**
	 * Set the convention of the publish observations, replacing the default one.
	 * @param observationConvention the convention, {@code null} for the default
	 */
	public void setObservationConvention(MqttTemplateObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
	}

	/**
	 * Return the number of sends waiting for the broker's acknowledgement.
	 * @return the number of sends in flight
	 */
	public int getInFlightCount() {
		return this.inFlight.get();
	}

	public MqttPayloadConverter getConverter() {
		return this.converter;
	}

	@Override
	public CompletableFuture<Void> send(String topic, Object payload) {
		return send(MqttMessage.builder(topic, payload).build());
	}

	@Override
	public CompletableFuture<Void> send(String topic, Object payload, int qos, boolean retained) {
		return send(MqttMessage.builder(topic, payload).qos(qos).retained(retained).build());
	}

	@Override
	public CompletableFuture<Void> send(MqttMessage<?> message) {
		int qos = (message.getQos() != null) ? message.getQos() : this.defaultQos;
		MqttMessage<byte[]> outbound;
		try {
			byte[] bytes = this.converter.toBytes(message.getPayload());
			MqttMessage<byte[]> withBytes = message.withPayload(bytes);
			outbound = (withBytes.getContentType() == null && isJson(message.getPayload()))
					? withJsonContentType(withBytes, qos) : withQos(withBytes, qos);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		MqttSenderContext context = new MqttSenderContext(outbound, this.connection.getClientId());
		Observation observation = Observation
			.createNotStarted(this.observationConvention, DefaultMqttTemplateObservationConvention.INSTANCE,
					() -> context, this.observationRegistry)
			.start();
		MqttMessage<byte[]> propagated = context.getPropagatedMessage();
		this.inFlight.incrementAndGet();
		CompletableFuture<Void> result = this.connection.whenConnected()
			.thenCompose((connected) -> this.connection.publish(propagated))
			.orTimeout(this.completionTimeout.toMillis(), TimeUnit.MILLISECONDS)
			.handle((ignored, ex) -> {
				this.inFlight.decrementAndGet();
				if (ex != null) {
					RuntimeException failure = describe(outbound, ex);
					observation.error(failure);
					observation.stop();
					throw failure;
				}
				observation.stop();
				return null;
			});
		return result;
	}

	private RuntimeException describe(MqttMessage<byte[]> message, Throwable ex) {
		Throwable cause = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
		if (cause instanceof TimeoutException) {
			return new MqttDeliveryException(
					"Message to '" + message.getTopic() + "' (QoS " + message.getQos() + ") not acknowledged within "
							+ this.completionTimeout + "; client '" + this.connection.getClientId() + "' "
							+ (this.connection.isConnected() ? "is connected to " : "is not connected to ")
							+ this.connection.getUrl());
		}
		if (cause instanceof RuntimeException runtime) {
			return runtime;
		}
		return new MqttDeliveryException("Message to '" + message.getTopic() + "' failed: " + cause, cause);
	}

	@Override
	public <R> CompletableFuture<R> sendAndReceive(String topic, Object request, Class<R> type, Duration timeout) {
		if (this.connection.getProtocolVersion() < 5) {
			return CompletableFuture.failedFuture(new MqttDeliveryException(
					"sendAndReceive needs MQTT 5 response topic and correlation data; mqtt.protocol-version is "
							+ this.connection.getProtocolVersion()));
		}
		ReplyCorrelator.Pending pending;
		try {
			pending = this.replies.register();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		MqttMessage<Object> message = MqttMessage.builder(topic, request)
			.responseTopic(this.replies.getReplyTopic())
			.correlationData(pending.correlationData())
			.build();
		send(message).whenComplete((ignored, ex) -> {
			if (ex != null) {
				pending.reply().completeExceptionally(ex);
			}
		});
		return pending.reply().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).handle((reply, ex) -> {
			if (ex == null) {
				return type.cast(this.converter.fromBytes(reply.getPayload(), type));
			}
			Throwable cause = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof TimeoutException) {
				throw new MqttDeliveryException("No reply on '" + this.replies.getReplyTopic() + "' to request on '"
						+ topic + "' within " + timeout);
			}
			throw (cause instanceof RuntimeException runtime) ? runtime : new CompletionException(cause);
		});
	}

	private static boolean isJson(Object payload) {
		return !(payload instanceof byte[]) && !(payload instanceof CharSequence);
	}

	private static MqttMessage<byte[]> withQos(MqttMessage<byte[]> message, int qos) {
		return rebuild(message, qos, message.getContentType());
	}

	private static MqttMessage<byte[]> withJsonContentType(MqttMessage<byte[]> message, int qos) {
		return rebuild(message, qos, "application/json");
	}

	private static MqttMessage<byte[]> rebuild(MqttMessage<byte[]> message, int qos, String contentType) {
		MqttMessage.Builder<byte[]> builder = MqttMessage.builder(message.getTopic(), message.getPayload())
			.qos(qos)
			.retained(message.isRetained())
			.contentType(contentType)
			.messageExpiry(message.getMessageExpiry())
			.responseTopic(message.getResponseTopic())
			.correlationData(message.getCorrelationData())
			.userProperties(message.getUserProperties());
		return builder.build();
	}

	@Override
	public void destroy() {
		this.replies.close();
	}

}
