package dev.mqttstack.bench.scenario;

import java.time.Duration;

/**
 * Durations and sizes of a run: {@link #quickRun()} for the README's few-minute check,
 * {@link #fullRun()} for the documented numbers.
 *
 * @param quick whether scenarios use their small sizes
 * @param warmup load before measuring, for JIT and buffers to settle
 * @param measure the measured window
 * @param drain longest wait for late deliveries after the schedule ends
 * @param sourceAddresses 127.0.0.x source addresses the generator rotates through
 */
public record RunSettings(boolean quick, Duration warmup, Duration measure, Duration drain, int sourceAddresses) {

	public static RunSettings quickRun() {
		return new RunSettings(true, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3), 8);
	}

	public static RunSettings fullRun() {
		return new RunSettings(false, Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(10), 8);
	}

	/** The full size or the quick one. */
	public int size(int full, int quick) {
		return this.quick ? quick : full;
	}

}
