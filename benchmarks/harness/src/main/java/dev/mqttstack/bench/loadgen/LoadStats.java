package dev.mqttstack.bench.loadgen;

import org.HdrHistogram.Histogram;

/**
 * Counters and latency histogram of one load run, owned by the generator's event loop:
 * read them through {@link LoadGenerator#snapshot()}, never directly from another thread.
 * <p>
 * Latency is measured from the intended send time written into each payload, so a broker
 * that stalls is charged for every message the schedule wanted to send while it stalled
 * (no coordinated omission).
 */
public final class LoadStats {

	private static final long HIGHEST_NANOS = 60_000_000_000L;

	final Histogram latency = new Histogram(HIGHEST_NANOS, 3);

	final Histogram connectLatency = new Histogram(HIGHEST_NANOS, 3);

	long recordFrom = Long.MAX_VALUE;

	long sent;

	long expected;

	long received;

	long acknowledged;

	long connected;

	long connectFailures;

	long unexpectedDisconnects;

	void received(long intendedNanos, long nowNanos) {
		this.received++;
		if (intendedNanos >= this.recordFrom) {
			this.latency.recordValue(Math.min(Math.max(nowNanos - intendedNanos, 0), HIGHEST_NANOS));
		}
	}

	void startMeasurement(long fromNanos) {
		this.latency.reset();
		this.connectLatency.reset();
		this.recordFrom = fromNanos;
	}

	LoadSnapshot snapshot() {
		return new LoadSnapshot(this.sent, this.expected, this.received, this.acknowledged, this.connected,
				this.connectFailures, this.unexpectedDisconnects, this.latency.copy(), this.connectLatency.copy());
	}

}
