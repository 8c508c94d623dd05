/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.observation;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import dev.mqttstack.spring.connection.MqttClientConnection;
import dev.mqttstack.spring.core.MqttTemplate;
import dev.mqttstack.spring.event.MqttConnectionLostEvent;
import dev.mqttstack.spring.event.MqttConnectionRestoredEvent;
import dev.mqttstack.spring.listener.MqttMessageListenerContainer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;

/**
 * Meters of the shared MQTT connection, named {@code mqtt.client.*} and tagged with the
 * client id: connection state, reconnects and losses, sends waiting for the broker's
 * acknowledgement, and per listener the messages running, waiting in its queue and
 * dropped (QoS 0 beyond the queue).
 * <p>
 * It counts the connection events it receives as an {@link ApplicationListener}; listener
 * gauges are added for the containers known at binding time and at each context refresh.
 */
public class MqttClientMetrics implements MeterBinder, ApplicationListener<ApplicationEvent> {

	/** 1 while connected, 0 otherwise. */
	public static final String CONNECTED = "mqtt.client.connected";

	/** Connections restored after a loss. */
	public static final String RECONNECTS = "mqtt.client.reconnects";

	/** Connections lost. */
	public static final String CONNECTION_LOST = "mqtt.client.connection.lost";

	/** Sends of the template waiting for the broker's acknowledgement. */
	public static final String PUBLISH_IN_FLIGHT = "mqtt.client.publish.in.flight";

	/** Messages a listener is running, at most its concurrency. */
	public static final String LISTENER_IN_FLIGHT = "mqtt.client.listener.in.flight";

	/** Messages waiting in a listener's queue for a free task. */
	public static final String LISTENER_QUEUE_DEPTH = "mqtt.client.listener.queue.depth";

	/** QoS 0 messages a listener dropped because its queue was full. */
	public static final String LISTENER_DROPPED = "mqtt.client.listener.dropped";

	private final MqttClientConnection connection;

	private final Supplier<MqttTemplate> template;

	private final Supplier<Collection<MqttMessageListenerContainer>> containers;

	private final AtomicLong reconnects = new AtomicLong();

	private final AtomicLong losses = new AtomicLong();

	private volatile MeterRegistry registry;

	/**
	 * Create the meters' binder.
	 * @param connection the shared connection
	 * @param template supplies the template, or {@code null} without one
	 * @param containers supplies the listener containers
	 */
	public MqttClientMetrics(MqttClientConnection connection, Supplier<MqttTemplate> template,
			Supplier<Collection<MqttMessageListenerContainer>> containers) {
		this.connection = connection;
		this.template = (template != null) ? template : () -> null;
		this.containers = (containers != null) ? containers : List::of;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		Tags tags = Tags.of("client.id", this.connection.getClientId());
		Gauge.builder(CONNECTED, this.connection, (connection) -> connection.isConnected() ? 1 : 0)
			.description("Whether the MQTT client is connected (1) or not (0)")
			.tags(tags)
			.strongReference(true)
			.register(registry);
		FunctionCounter.builder(RECONNECTS, this.reconnects, AtomicLong::get)
			.description("MQTT connections restored after a loss")
			.tags(tags)
			.register(registry);
		FunctionCounter.builder(CONNECTION_LOST, this.losses, AtomicLong::get)
			.description("MQTT connections lost")
			.tags(tags)
			.register(registry);
		Gauge.builder(PUBLISH_IN_FLIGHT, this, MqttClientMetrics::publishesInFlight)
			.description("MQTT sends waiting for the broker's acknowledgement")
			.tags(tags)
			.strongReference(true)
			.register(registry);
		bindListeners(registry);
	}

	private double publishesInFlight() {
		MqttTemplate current = this.template.get();
		return (current != null) ? current.getInFlightCount() : 0;
	}

	private void bindListeners(MeterRegistry registry) {
		for (MqttMessageListenerContainer container : this.containers.get()) {
			Tags tags = Tags.of("client.id", this.connection.getClientId(), "listener.id", container.getId());
			Gauge.builder(LISTENER_IN_FLIGHT, container, MqttMessageListenerContainer::getActiveCount)
				.description("Messages an MQTT listener is running")
				.tags(tags)
				.strongReference(true)
				.register(registry);
			Gauge.builder(LISTENER_QUEUE_DEPTH, container, MqttMessageListenerContainer::getQueueDepth)
				.description("Messages waiting in an MQTT listener's queue")
				.tags(tags)
				.strongReference(true)
				.register(registry);
			FunctionCounter.builder(LISTENER_DROPPED, container, MqttMessageListenerContainer::getDroppedCount)
				.description("QoS 0 messages an MQTT listener dropped because its queue was full")
				.tags(tags)
				.register(registry);
		}
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof MqttConnectionRestoredEvent restored && isOurs(restored.getClientId())) {
			this.reconnects.incrementAndGet();
		}
		else if (event instanceof MqttConnectionLostEvent lost && isOurs(lost.getClientId())) {
			this.losses.incrementAndGet();
		}
		else if (event instanceof ContextRefreshedEvent && this.registry != null) {
			bindListeners(this.registry);
		}
	}

	private boolean isOurs(String clientId) {
		return this.connection.getClientId().equals(clientId);
	}

}
