/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.listener;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.mqttstack.spring.support.MqttHeaders;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.messaging.Message;

/**
 * Hand-off between the client's callback thread and a listener's tasks: a queue that the
 * callback thread only adds to, never waiting, drained by at most {@code concurrency}
 * tasks on the listener's executor (a limit, not a pool).
 * <p>
 * Waiting there could deadlock: the callback thread also completes the publishes a
 * listener waits for (an {@code @SendTo} reply). A QoS 1/2 message stays unacknowledged
 * until it has been processed, so the broker's in-flight window (the MQTT 5 Receive
 * Maximum the client announces) bounds how many of them wait here; QoS 0 messages beyond
 * the queue capacity are dropped and counted, as a broker drops for a slow subscriber.
 */
final class ListenerDispatcher {

	private static final Log logger = LogFactory.getLog(MqttMessageListenerContainer.class);

	private final String id;

	private final AsyncTaskExecutor executor;

	private final int concurrency;

	private final int capacity;

	private final Consumer<Delivery> processor;

	private final Queue<Delivery> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger queued = new AtomicInteger();

	private final Semaphore permits;

	private final AtomicLong dropped = new AtomicLong();

	private final AtomicBoolean overCapacityReported = new AtomicBoolean();

	private volatile boolean accepting = true;

	ListenerDispatcher(String id, AsyncTaskExecutor executor, int concurrency, int capacity,
			Consumer<Delivery> processor) {
		this.id = id;
		this.executor = executor;
		this.concurrency = concurrency;
		this.capacity = capacity;
		this.processor = processor;
		this.permits = new Semaphore(concurrency);
	}

	/**
	 * Take a message on the client's callback thread; never waits.
	 * @param delivery the message and its acknowledgment
	 * @return whether it was queued; a message not queued is not acknowledged either
	 */
	boolean offer(Delivery delivery) {
		if (!this.accepting) {
			return false;
		}
		int qos = delivery.qos();
		if (qos == 0 && this.queued.get() >= this.capacity) {
			long count = this.dropped.incrementAndGet();
			if (Long.bitCount(count) == 1) {
				logger.warn("MQTT listener '" + this.id + "' is " + this.capacity
						+ " messages behind; QoS 0 messages are dropped (" + count + " so far)");
			}
			return false;
		}
		this.queue.add(delivery);
		int depth = this.queued.incrementAndGet();
		if (depth > this.capacity && this.overCapacityReported.compareAndSet(false, true)) {
			logger.warn("MQTT listener '" + this.id + "' has " + depth + " QoS 1/2 messages waiting, more than"
					+ " mqtt.listener.queue-capacity=" + this.capacity + "; they are kept (the broker's in-flight"
					+ " window bounds them); lower mqtt.receive-maximum to bound them");
		}
		drain();
		return true;
	}

	private void drain() {
		while (!this.queue.isEmpty() && this.permits.tryAcquire()) {
			try {
				this.executor.execute(this::work);
			}
			catch (RejectedExecutionException ex) {
				this.permits.release();
				logger.warn("MQTT listener '" + this.id + "' could not start a task: " + ex.getMessage());
				return;
			}
		}
	}

	private void work() {
		try {
			Delivery delivery;
			while ((delivery = this.queue.poll()) != null) {
				this.queued.decrementAndGet();
				this.processor.accept(delivery);
			}
		}
		finally {
			this.permits.release();
		}
		if (!this.queue.isEmpty()) {
			drain();
		}
	}

	/**
	 * Stop taking messages and wait until the queued ones have been processed.
	 * @param timeoutMillis how long to wait
	 * @return whether everything finished in time
	 */
	boolean shutdown(long timeoutMillis) {
		this.accepting = false;
		try {
			if (this.permits.tryAcquire(this.concurrency, timeoutMillis, TimeUnit.MILLISECONDS)) {
				this.permits.release(this.concurrency);
				return this.queue.isEmpty();
			}
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	int getQueueDepth() {
		return this.queued.get();
	}

	int getActiveCount() {
		return this.concurrency - this.permits.availablePermits();
	}

	long getDroppedCount() {
		return this.dropped.get();
	}

	/**
	 * A received message, its QoS and its acknowledgment.
	 *
	 * @param message the message
	 * @param qos the QoS it was received with
	 * @param acknowledgment acknowledges it to the broker
	 */
	record Delivery(Message<byte[]> message, int qos, Runnable acknowledgment) {

		static Delivery of(Message<byte[]> message, Runnable acknowledgment) {
			Integer qos = message.getHeaders().get(MqttHeaders.RECEIVED_QOS, Integer.class);
			return new Delivery(message, (qos != null) ? qos : 0, acknowledgment);
		}

	}

}
