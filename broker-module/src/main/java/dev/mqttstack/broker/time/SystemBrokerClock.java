package dev.mqttstack.broker.time;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.util.concurrent.EventExecutor;

/** The real clock: {@link System} time and the event loop's own scheduler. */
enum SystemBrokerClock implements BrokerClock {

	INSTANCE;

	@Override
	public long millis() {
		return System.currentTimeMillis();
	}

	@Override
	public long nanoTime() {
		return System.nanoTime();
	}

	@Override
	public Scheduled schedule(EventExecutor executor, Runnable task, Duration delay) {
		ScheduledFuture<?> future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
		return () -> future.cancel(false);
	}

}
