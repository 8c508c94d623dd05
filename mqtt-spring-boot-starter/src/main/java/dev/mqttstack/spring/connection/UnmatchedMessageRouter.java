/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.connection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import dev.mqttstack.spring.support.TopicFilters;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The one default handler of a shared client: receives the messages the client matched to
 * no subscription listener and decides, under one lock, where each goes.
 * <ul>
 * <li>a started subscription whose filter matches (shared filters without their
 * {@code $share/<group>/} prefix) receives it;</li>
 * <li>a subscription still starting matches: it is kept and handed over once the
 * subscription has started, never dropped unacknowledged;</li>
 * <li>only an unsubscribed subscription's filter matches: it was in flight when that
 * subscription unsubscribed, and is acknowledged and dropped;</li>
 * <li>nothing matches (typically what a resumed session redelivers before the listeners
 * subscribe): it is kept, up to {@value #CAPACITY}, for the first subscription it
 * matches.</li>
 * </ul>
 *
 * @param <M> the client library's message type
 */
final class UnmatchedMessageRouter<M> {

	private static final Log logger = LogFactory.getLog(UnmatchedMessageRouter.class);

	static final int CAPACITY = 1000;

	private final Consumer<M> acknowledger;

	private final Map<Object, Route<M>> routes = new LinkedHashMap<>();

	private final Set<String> released = new HashSet<>();

	private final Deque<Parked<M>> parked = new ArrayDeque<>();

	/**
	 * Create a router.
	 * @param acknowledger acknowledges a message that is dropped
	 */
	UnmatchedMessageRouter(Consumer<M> acknowledger) {
		this.acknowledger = acknowledger;
	}

	/**
	 * Record a subscription that is starting: matching messages are kept for it until
	 * {@link #started(Object)}.
	 * @param owner the subscription
	 * @param filters its filters
	 * @param delivery delivers one message to it
	 */
	synchronized void route(Object owner, String[] filters, BiConsumer<String, M> delivery) {
		this.routes.put(owner, new Route<>(filters.clone(), delivery));
		for (String filter : filters) {
			this.released.remove(filter);
		}
	}

	/**
	 * Mark a subscription started and hand it the kept messages it matches.
	 * @param owner the subscription
	 */
	void started(Object owner) {
		Route<M> route;
		List<Parked<M>> matching;
		synchronized (this) {
			route = this.routes.get(owner);
			if (route == null) {
				return;
			}
			route.started = true;
			matching = take(route.filters);
		}
		matching.forEach((message) -> route.delivery.accept(message.topic(), message.message()));
	}

	/**
	 * Forget a stopped subscription: messages for its filters that still arrive are
	 * acknowledged and dropped.
	 * @param owner the subscription
	 */
	void release(Object owner) {
		List<Parked<M>> dropped;
		synchronized (this) {
			Route<M> route = this.routes.remove(owner);
			if (route == null) {
				return;
			}
			this.released.addAll(List.of(route.filters));
			dropped = take(route.filters);
		}
		dropped.forEach((message) -> drop(message.topic(), message.message()));
	}

	/**
	 * Forget a subscription that stops without unsubscribing: messages for its filters
	 * that still arrive are kept unacknowledged, like those a resumed session redelivers
	 * before any listener subscribed.
	 * @param owner the subscription
	 */
	synchronized void detach(Object owner) {
		this.routes.remove(owner);
	}

	/**
	 * Take a message the client matched to no subscription listener.
	 * @param topic the topic
	 * @param message the message
	 */
	void offer(String topic, M message) {
		Route<M> target = null;
		boolean drop = false;
		boolean kept = true;
		synchronized (this) {
			Route<M> route = matchingRoute(topic);
			if (route != null && route.started) {
				target = route;
			}
			else if (route == null && matchesAny(this.released, topic)) {
				drop = true;
			}
			else if (this.parked.size() < CAPACITY) {
				this.parked.add(new Parked<>(topic, message));
			}
			else {
				kept = false;
			}
		}
		if (target != null) {
			target.delivery.accept(topic, message);
		}
		else if (drop) {
			drop(topic, message);
		}
		else if (!kept) {
			logger.warn("No MQTT listener for a message on '" + topic + "' and " + CAPACITY
					+ " already kept; it stays unacknowledged");
		}
	}

	private Route<M> matchingRoute(String topic) {
		for (Route<M> route : this.routes.values()) {
			if (matchesAny(List.of(route.filters), topic)) {
				return route;
			}
		}
		return null;
	}

	private List<Parked<M>> take(String[] filters) {
		List<Parked<M>> matching = new ArrayList<>();
		for (Iterator<Parked<M>> iterator = this.parked.iterator(); iterator.hasNext();) {
			Parked<M> candidate = iterator.next();
			if (matchesAny(List.of(filters), candidate.topic())) {
				matching.add(candidate);
				iterator.remove();
			}
		}
		return matching;
	}

	private void drop(String topic, M message) {
		logger.debug("Dropping a message on '" + topic + "' that arrived after its listener stopped");
		try {
			this.acknowledger.accept(message);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not acknowledge a dropped MQTT message on '" + topic + "': " + ex.getMessage());
		}
	}

	private static boolean matchesAny(Iterable<String> filters, String topic) {
		for (String filter : filters) {
			if (TopicFilters.matches(filter, topic)) {
				return true;
			}
		}
		return false;
	}

	private static final class Route<M> {

		private final String[] filters;

		private final BiConsumer<String, M> delivery;

		private boolean started;

		Route(String[] filters, BiConsumer<String, M> delivery) {
			this.filters = filters;
			this.delivery = delivery;
		}

	}

	private record Parked<M>(String topic, M message) {
	}

}
