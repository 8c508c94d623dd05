package dev.mqttstack.bench.loadgen;

import org.HdrHistogram.Histogram;

/**
 * A consistent copy of the generator's counters and histograms at one moment.
 *
 * @param sent PUBLISH packets written by publishers
 * @param expected deliveries the subscribers should see for what was sent
 * @param received PUBLISH packets that reached subscribers
 * @param acknowledged PUBACKs and PUBCOMPs publishers received
 * @param connected CONNACKs that accepted a connection
 * @param connectFailures connections refused or closed before CONNACK
 * @param unexpectedDisconnects connections the broker closed
 * @param latency delivery latency from the intended send time, in nanoseconds
 * @param connectLatency CONNECT to CONNACK, in nanoseconds
 */
public record LoadSnapshot(long sent, long expected, long received, long acknowledged, long connected,
		long connectFailures, long unexpectedDisconnects, Histogram latency, Histogram connectLatency) {

	/**
	 * Deliveries still missing, never negative (duplicates do not make up for losses).
	 */
	public long missing() {
		return Math.max(0, this.expected - this.received);
	}

}
