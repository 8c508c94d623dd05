/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.connection;

import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.springframework.integration.mqtt.core.ClientManager;
import org.springframework.integration.mqtt.inbound.AbstractMqttMessageDrivenChannelAdapter;

/**
 * {@link MqttSubscription} backed by a Spring Integration MQTT message-driven channel
 * adapter on the shared client manager, a fresh one for each start; the adapter
 * re-subscribes whenever the client reconnects.
 * <p>
 * Stopping unsubscribes itself and waits for the broker's confirmation, with a clean or a
 * persistent session alike: Spring Integration's adapters keep a persistent session's
 * subscription when they stop, and Paho's MQTT 5 client may fail to unsubscribe at all (a
 * {@link java.util.ConcurrentModificationException}, eclipse-paho/paho.mqtt.java#986).
 * With a clean session the adapter then sends a second, redundant UNSUBSCRIBE.
 *
 * @param <M> the client library's message type
 */
final class AdapterSubscription<M> implements MqttSubscription {

	private final ClientManager<?, ?> clientManager;

	private final Supplier<Inbound<M>> adapters;

	private final String[] filters;

	private final UnmatchedMessageRouter<M> router;

	private final Consumer<String[]> unsubscriber;

	private volatile Inbound<M> current;

	AdapterSubscription(ClientManager<?, ?> clientManager, Supplier<Inbound<M>> adapters, String[] filters,
			UnmatchedMessageRouter<M> router, Consumer<String[]> unsubscriber) {
		this.clientManager = clientManager;
		this.adapters = adapters;
		this.filters = filters.clone();
		this.router = router;
		this.unsubscriber = unsubscriber;
	}

	@Override
	public synchronized void start() {
		if (this.current != null) {
			return;
		}
		Inbound<M> inbound = this.adapters.get();
		this.router.route(this, this.filters, inbound.delivery());
		try {
			inbound.adapter().start();
		}
		catch (RuntimeException ex) {
			this.router.release(this);
			inbound.adapter().destroy();
			throw ex;
		}
		this.current = inbound;
		this.router.started(this);
	}

	/**
	 * Unsubscribe and wait for the broker's confirmation (up to the connection timeout);
	 * messages that still arrive for the filters afterwards are acknowledged and dropped.
	 */
	@Override
	public synchronized void stop() {
		Inbound<M> inbound = this.current;
		if (inbound == null) {
			return;
		}
		this.current = null;
		this.clientManager.removeCallback(inbound.adapter());
		this.unsubscriber.accept(this.filters);
		this.router.release(this);
		inbound.adapter().stop();
		inbound.adapter().destroy();
	}

	/**
	 * Stop delivering without unsubscribing; the adapter keeps a persistent session's
	 * subscription when it stops.
	 */
	@Override
	public synchronized void detach() {
		Inbound<M> inbound = this.current;
		if (inbound == null) {
			return;
		}
		this.current = null;
		this.clientManager.removeCallback(inbound.adapter());
		this.router.detach(this);
		inbound.adapter().stop();
		inbound.adapter().destroy();
	}

	@Override
	public boolean isRunning() {
		return this.current != null;
	}

	@Override
	public void close() {
		stop();
	}

	/**
	 * One adapter and how to hand it a message directly.
	 *
	 * @param <M> the client library's message type
	 * @param adapter the adapter, initialized but not started
	 * @param delivery delivers one message to the adapter
	 */
	record Inbound<M>(AbstractMqttMessageDrivenChannelAdapter<?, ?> adapter, BiConsumer<String, M> delivery) {
	}

}
