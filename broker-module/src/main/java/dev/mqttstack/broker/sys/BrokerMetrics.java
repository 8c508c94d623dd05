package dev.mqttstack.broker.sys;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of broker activity, cheap to update from every event loop; the source of
 * {@code $SYS/broker/...}.
 */
public final class BrokerMetrics {

	private final long startedAt = System.nanoTime();

	private final LongAdder messagesReceived = new LongAdder();

	private final LongAdder messagesSent = new LongAdder();

	private final LongAdder messagesDropped = new LongAdder();

	private final LongAdder bytesReceived = new LongAdder();

	private final LongAdder bytesSent = new LongAdder();

	private final LongAdder limitsReached = new LongAdder();

	private final LongAdder publishersHeldBack = new LongAdder();

	private final AtomicInteger clientsConnected = new AtomicInteger();

	private final AtomicInteger clientsMaximum = new AtomicInteger();

	public void messageReceived() {
		this.messagesReceived.increment();
	}

	public void messageSent() {
		this.messagesSent.increment();
	}

	public void messageDropped() {
		this.messagesDropped.increment();
	}

	public void limitReached() {
		this.limitsReached.increment();
	}

	public long limitsReached() {
		return this.limitsReached.sum();
	}

	/** Counts a publisher slowed for a backed-up subscriber (publisher backpressure). */
	public void publisherHeldBack() {
		this.publishersHeldBack.increment();
	}

	/**
	 * How many times a publisher was slowed because a subscriber it feeds was backed up.
	 * @return the count since start
	 */
	public long publishersHeldBack() {
		return this.publishersHeldBack.sum();
	}

	public void bytesReceived(long bytes) {
		this.bytesReceived.add(bytes);
	}

	public void bytesSent(long bytes) {
		this.bytesSent.add(bytes);
	}

	public void clientConnected() {
		int connected = this.clientsConnected.incrementAndGet();
		this.clientsMaximum.accumulateAndGet(connected, Math::max);
	}

	public void clientDisconnected() {
		this.clientsConnected.decrementAndGet();
	}

	public long uptimeSeconds() {
		return (System.nanoTime() - this.startedAt) / 1_000_000_000L;
	}

	public long messagesReceived() {
		return this.messagesReceived.sum();
	}

	public long messagesSent() {
		return this.messagesSent.sum();
	}

	public long messagesDropped() {
		return this.messagesDropped.sum();
	}

	public long bytesReceived() {
		return this.bytesReceived.sum();
	}

	public long bytesSent() {
		return this.bytesSent.sum();
	}

	public int clientsConnected() {
		return this.clientsConnected.get();
	}

	public int clientsMaximum() {
		return this.clientsMaximum.get();
	}

}
