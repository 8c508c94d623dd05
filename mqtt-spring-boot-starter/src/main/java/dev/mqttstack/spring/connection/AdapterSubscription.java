/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.connection;

import java.util.function.BiConsumer;

import org.springframework.integration.mqtt.inbound.AbstractMqttMessageDrivenChannelAdapter;

/**
 * {@link MqttSubscription} backed by a Spring Integration MQTT message-driven channel
 * adapter on the shared client manager; the adapter re-subscribes whenever the client
 * reconnects. When it starts it also receives the messages that arrived for its filters
 * before any listener was subscribed.
 *
 * @param <M> the client library's message type
 */
final class AdapterSubscription<M> implements MqttSubscription {

	private final AbstractMqttMessageDrivenChannelAdapter<?, ?> adapter;

	private final String[] filters;

	private final UnroutedMessages<M> unrouted;

	private final BiConsumer<String, M> delivery;

	private final Runnable onClose;

	AdapterSubscription(AbstractMqttMessageDrivenChannelAdapter<?, ?> adapter, String[] filters,
			UnroutedMessages<M> unrouted, BiConsumer<String, M> delivery, Runnable onClose) {
		this.adapter = adapter;
		this.filters = filters.clone();
		this.unrouted = unrouted;
		this.delivery = delivery;
		this.onClose = onClose;
	}

	@Override
	public void start() {
		this.unrouted.route(this, this.filters);
		this.adapter.start();
		this.unrouted.replay(this.filters, this.delivery);
	}

	@Override
	public void stop() {
		this.unrouted.unroute(this);
		this.adapter.stop();
	}

	@Override
	public boolean isRunning() {
		return this.adapter.isRunning();
	}

	@Override
	public void close() {
		stop();
		this.onClose.run();
		this.adapter.destroy();
	}

}
