/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.connection;

import org.springframework.integration.mqtt.inbound.AbstractMqttMessageDrivenChannelAdapter;

/**
 * {@link MqttSubscription} backed by a Spring Integration MQTT message-driven channel
 * adapter on the shared client manager; the adapter re-subscribes whenever the client
 * reconnects.
 */
final class AdapterSubscription implements MqttSubscription {

	private final AbstractMqttMessageDrivenChannelAdapter<?, ?> adapter;

	private final Runnable onClose;

	AdapterSubscription(AbstractMqttMessageDrivenChannelAdapter<?, ?> adapter) {
		this(adapter, () -> {
		});
	}

	AdapterSubscription(AbstractMqttMessageDrivenChannelAdapter<?, ?> adapter, Runnable onClose) {
		this.adapter = adapter;
		this.onClose = onClose;
	}

	@Override
	public void start() {
		this.adapter.start();
	}

	@Override
	public void stop() {
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
