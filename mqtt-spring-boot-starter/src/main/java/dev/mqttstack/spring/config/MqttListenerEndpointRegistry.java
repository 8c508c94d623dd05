/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.mqttstack.spring.listener.MqttMessageListenerContainer;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Registry of the listener containers by id: starts them with the application, stops them
 * with it, and starts or stops single listeners on demand.
 */
public class MqttListenerEndpointRegistry implements SmartLifecycle, DisposableBean {

	/** The bean name the registry is registered under. */
	public static final String BEAN_NAME = "mqttListenerEndpointRegistry";

	private final Map<String, MqttMessageListenerContainer> containers = Collections
		.synchronizedMap(new LinkedHashMap<>());

	private volatile boolean running;

	/**
	 * Create and register a container for an endpoint; it starts at once if the registry
	 * runs and the container starts automatically.
	 * @param endpoint the endpoint
	 * @param factory the container factory
	 * @return the container
	 */
	public MqttMessageListenerContainer registerListenerContainer(MqttListenerEndpoint endpoint,
			MqttListenerContainerFactory factory) {
		Assert.hasText(endpoint.getId(), "Endpoint id must not be empty");
		MqttMessageListenerContainer container;
		synchronized (this.containers) {
			Assert.state(!this.containers.containsKey(endpoint.getId()),
					() -> "Another MQTT listener is already registered with id '" + endpoint.getId() + "'");
			container = factory.createListenerContainer(endpoint);
			this.containers.put(endpoint.getId(), container);
		}
		if (this.running && container.isAutoStartup()) {
			container.start();
		}
		return container;
	}

	/**
	 * Return the container of a listener.
	 * @param id the listener id
	 * @return the container or {@code null}
	 */
	public MqttMessageListenerContainer getListenerContainer(String id) {
		return this.containers.get(id);
	}

	public Set<String> getListenerContainerIds() {
		synchronized (this.containers) {
			return Set.copyOf(this.containers.keySet());
		}
	}

	public Collection<MqttMessageListenerContainer> getListenerContainers() {
		synchronized (this.containers) {
			return List.copyOf(this.containers.values());
		}
	}

	/**
	 * Start one listener.
	 * @param id the listener id
	 */
	public void start(String id) {
		requireContainer(id).start();
	}

	/**
	 * Stop one listener: it unsubscribes, waiting for the broker's confirmation, and lets
	 * the messages already received finish. Unlike a stopped Kafka consumer, it does not
	 * resume where it left off: messages published while it is stopped are not delivered
	 * when it starts again, with a clean or a persistent session alike. (Stopping the
	 * application, unlike this, keeps the subscriptions.)
	 * @param id the listener id
	 * @see MqttMessageListenerContainer#stop(boolean)
	 */
	public void stop(String id) {
		requireContainer(id).stop(true);
	}

	private MqttMessageListenerContainer requireContainer(String id) {
		MqttMessageListenerContainer container = this.containers.get(id);
		Assert.state(container != null, () -> "No MQTT listener with id '" + id + "'");
		return container;
	}

	@Override
	public void start() {
		for (MqttMessageListenerContainer container : getListenerContainers()) {
			if (container.isAutoStartup()) {
				container.start();
			}
		}
		this.running = true;
	}

	/**
	 * Stop every listener as the application shuts down, keeping their broker
	 * subscriptions: a persistent session receives what is published meanwhile.
	 */
	@Override
	public void stop() {
		this.running = false;
		List<MqttMessageListenerContainer> reversed = new ArrayList<>(getListenerContainers());
		Collections.reverse(reversed);
		reversed.forEach(MqttMessageListenerContainer::stop);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return MqttMessageListenerContainer.PHASE;
	}

	@Override
	public void destroy() {
		stop();
	}

}
