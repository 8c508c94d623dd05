/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.connection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import dev.mqttstack.spring.support.TopicFilters;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Messages that arrived when no started subscription matched them, typically those a
 * resumed session ({@code clean-start=false}) redelivers before the listeners subscribe;
 * the next subscription they match receives them.
 *
 * @param <M> the client library's message type
 */
final class UnroutedMessages<M> {

	private static final Log logger = LogFactory.getLog(UnroutedMessages.class);

	private static final int CAPACITY = 1000;

	private final Map<Object, String[]> routes = new ConcurrentHashMap<>();

	private final Deque<Parked<M>> parked = new ArrayDeque<>();

	/**
	 * Record that a subscription routes these filters.
	 * @param owner the subscription
	 * @param filters its filters
	 */
	void route(Object owner, String[] filters) {
		this.routes.put(owner, filters);
	}

	void unroute(Object owner) {
		this.routes.remove(owner);
	}

	/**
	 * Keep a message no started subscription matches.
	 * @param topic the topic
	 * @param message the message
	 */
	void offer(String topic, M message) {
		for (String[] filters : this.routes.values()) {
			for (String filter : filters) {
				if (TopicFilters.matches(filter, topic)) {
					return;
				}
			}
		}
		synchronized (this.parked) {
			if (this.parked.size() < CAPACITY) {
				this.parked.add(new Parked<>(topic, message));
				return;
			}
		}
		logger.warn("No MQTT listener for a message on '" + topic + "'; it stays unacknowledged");
	}

	/**
	 * Hand the kept messages matching the filters to a subscription that just started.
	 * @param filters the subscription's filters
	 * @param delivery delivers one message
	 */
	void replay(String[] filters, BiConsumer<String, M> delivery) {
		List<Parked<M>> matching = new ArrayList<>();
		synchronized (this.parked) {
			for (Iterator<Parked<M>> iterator = this.parked.iterator(); iterator.hasNext();) {
				Parked<M> candidate = iterator.next();
				for (String filter : filters) {
					if (TopicFilters.matches(filter, candidate.topic())) {
						matching.add(candidate);
						iterator.remove();
						break;
					}
				}
			}
		}
		matching.forEach((message) -> delivery.accept(message.topic(), message.message()));
	}

	private record Parked<M>(String topic, M message) {
	}

}
