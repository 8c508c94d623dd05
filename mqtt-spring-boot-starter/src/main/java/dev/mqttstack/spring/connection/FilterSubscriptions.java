/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.connection;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.Message;

/**
 * The subscriptions of one connection by topic filter: one broker subscription per
 * filter, whose messages are fanned out to every listener subscribed to that filter. A
 * client has one subscription per filter on the broker, so two listeners of one
 * application on the same filter both receive every message only if the application fans
 * it out; a QoS 1/2 message is acknowledged once every one of them has finished.
 */
final class FilterSubscriptions {

	private static final Log logger = LogFactory.getLog(FilterSubscriptions.class);

	private final BrokerSubscriber subscriber;

	private final Map<String, Shared> byFilter = new HashMap<>();

	/**
	 * Create the subscriptions of a connection.
	 * @param subscriber creates the broker subscription of one filter
	 */
	FilterSubscriptions(BrokerSubscriber subscriber) {
		this.subscriber = subscriber;
	}

	MqttSubscription subscribe(String[] filters, int[] qos, MqttInboundHandler handler) {
		return new ListenerSubscription(filters.clone(), qos.clone(), handler);
	}

	private synchronized void add(String filter, int qos, MqttInboundHandler handler) {
		Shared shared = this.byFilter.get(filter);
		if (shared == null) {
			shared = new Shared();
			shared.handlers.add(handler);
			Shared fanOut = shared;
			shared.subscription = this.subscriber.subscribe(filter, qos, fanOut::deliver);
			this.byFilter.put(filter, shared);
			try {
				shared.subscription.start();
			}
			catch (RuntimeException ex) {
				this.byFilter.remove(filter);
				throw ex;
			}
			return;
		}
		logger.debug("Topic filter '" + filter + "' is already subscribed; its messages are fanned out to "
				+ (shared.handlers.size() + 1) + " listeners");
		shared.handlers.add(handler);
	}

	private synchronized void remove(String filter, MqttInboundHandler handler, boolean unsubscribe) {
		Shared shared = this.byFilter.get(filter);
		if (shared == null || !shared.handlers.remove(handler) || !shared.handlers.isEmpty()) {
			return;
		}
		this.byFilter.remove(filter);
		if (unsubscribe) {
			shared.subscription.close();
		}
		else {
			shared.subscription.detach();
		}
	}

	/** Creates the broker subscription of one topic filter. */
	@FunctionalInterface
	interface BrokerSubscriber {

		MqttSubscription subscribe(String filter, int qos, MqttInboundHandler handler);

	}

	/** One broker subscription and the listeners it feeds. */
	private static final class Shared {

		private final List<MqttInboundHandler> handlers = new CopyOnWriteArrayList<>();

		private MqttSubscription subscription;

		void deliver(Message<byte[]> message, Runnable acknowledgment) {
			Object[] targets = this.handlers.toArray();
			if (targets.length == 1) {
				((MqttInboundHandler) targets[0]).handle(message, acknowledgment);
				return;
			}
			AtomicInteger pending = new AtomicInteger(targets.length);
			Runnable countDown = () -> {
				if (pending.decrementAndGet() == 0) {
					acknowledgment.run();
				}
			};
			for (Object target : targets) {
				((MqttInboundHandler) target).handle(message, countDown);
			}
		}

	}

	/**
	 * The subscription of one listener: its share of the filters' broker subscriptions.
	 */
	private final class ListenerSubscription implements MqttSubscription {

		private final String[] filters;

		private final int[] qos;

		private final MqttInboundHandler handler;

		private volatile boolean running;

		ListenerSubscription(String[] filters, int[] qos, MqttInboundHandler handler) {
			this.filters = filters;
			this.qos = qos;
			this.handler = handler;
		}

		@Override
		public synchronized void start() {
			if (this.running) {
				return;
			}
			for (int i = 0; i < this.filters.length; i++) {
				add(this.filters[i], this.qos[i], this.handler);
			}
			this.running = true;
		}

		@Override
		public void stop() {
			end(true);
		}

		@Override
		public void detach() {
			end(false);
		}

		private synchronized void end(boolean unsubscribe) {
			if (!this.running) {
				return;
			}
			this.running = false;
			for (String filter : this.filters) {
				remove(filter, this.handler, unsubscribe);
			}
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public void close() {
			stop();
		}

	}

}
