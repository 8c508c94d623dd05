package dev.mqttstack.broker.time;

import java.time.Duration;
import java.time.Instant;

import io.netty.util.concurrent.EventExecutor;

/**
 * Source of the broker's time and timers: wall-clock time for message and session expiry,
 * a monotonic time for intervals, and tasks scheduled on an event loop. The broker uses
 * {@link #system()}; tests substitute a clock they advance by hand, so that expiry, will
 * delay and keep-alive are tested without waiting.
 */
public interface BrokerClock {

	/**
	 * The current wall-clock time.
	 * @return epoch milliseconds
	 */
	long millis();

	/**
	 * A monotonic time for measuring intervals, as {@link System#nanoTime()}.
	 * @return nanoseconds from an arbitrary origin
	 */
	long nanoTime();

	/**
	 * The current wall-clock time as an instant.
	 * @return the instant
	 */
	default Instant now() {
		return Instant.ofEpochMilli(millis());
	}

	/**
	 * Runs a task on an event loop after a delay.
	 * @param executor the event loop the task runs on
	 * @param task the task
	 * @param delay the delay
	 * @return a handle that cancels the task if it has not run yet
	 */
	Scheduled schedule(EventExecutor executor, Runnable task, Duration delay);

	/**
	 * The real clock, with Netty's scheduler.
	 * @return the system clock
	 */
	static BrokerClock system() {
		return SystemBrokerClock.INSTANCE;
	}

	/** A scheduled task that has not run yet, or has. */
	@FunctionalInterface
	interface Scheduled {

		/** Cancels the task unless it has run or is running. */
		void cancel();

	}

}
