/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.connection;

import java.util.concurrent.CompletableFuture;

import dev.mqttstack.spring.core.MqttMessage;

import org.springframework.context.SmartLifecycle;

/**
 * The one MQTT connection of a client id, shared by the template and every listener
 * container.
 */
public interface MqttClientConnection extends SmartLifecycle {

	/** Lifecycle phase: before listener containers start, after they stop. */
	int PHASE = Integer.MAX_VALUE - 1000;

	String getClientId();

	String getUrl();

	/**
	 * Return the MQTT protocol version: 5, or 3 for MQTT 3.1.1.
	 * @return the protocol version
	 */
	int getProtocolVersion();

	boolean isConnected();

	/**
	 * Return a future completed while the connection is up, or when it comes up next.
	 * @return the future
	 */
	CompletableFuture<Void> whenConnected();

	/**
	 * Publish already encoded bytes.
	 * @param message the message, with resolved QoS
	 * @return a future completing on PUBACK / PUBCOMP, or when written for QoS 0
	 */
	CompletableFuture<Void> publish(MqttMessage<byte[]> message);

	/**
	 * Create a subscription; it subscribes when started.
	 * @param filters the topic filters, possibly {@code $share/<group>/...}
	 * @param qos the maximum QoS per filter
	 * @param handler receives messages on the client thread
	 * @return the subscription, not yet started
	 */
	MqttSubscription subscribe(String[] filters, int[] qos, MqttInboundHandler handler);

	@Override
	default int getPhase() {
		return PHASE;
	}

}
