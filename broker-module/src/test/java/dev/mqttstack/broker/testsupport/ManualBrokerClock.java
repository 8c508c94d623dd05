package dev.mqttstack.broker.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;

import dev.mqttstack.broker.time.BrokerClock;

/**
 * A {@link BrokerClock} that stands still until a test advances it: session expiry,
 * message expiry and will delay are tested without waiting. It starts at the real time;
 * {@link #advance(Duration)} moves it on and runs the tasks that have come due, in order,
 * each on its own event loop, returning once they have run.
 * <p>
 * Use it with {@code MqttBroker.builder().clock(clock)}. A task the broker schedules
 * after something the test did (a client disconnecting, say) is scheduled on an event
 * loop a little later: wait for it with {@link #scheduledTasks()} before advancing.
 */
public final class ManualBrokerClock implements BrokerClock {

	private final List<Task> tasks = new ArrayList<>();

	private long millis = System.currentTimeMillis();

	private long nanos = System.nanoTime();

	private long sequence;

	@Override
	public synchronized long millis() {
		return this.millis;
	}

	@Override
	public synchronized long nanoTime() {
		return this.nanos;
	}

	@Override
	public synchronized Scheduled schedule(EventExecutor executor, Runnable task, Duration delay) {
		Task scheduled = new Task(executor, task, this.nanos + delay.toNanos(), this.sequence++);
		this.tasks.add(scheduled);
		return () -> cancel(scheduled);
	}

	/**
	 * Counts the tasks scheduled and neither run nor cancelled yet.
	 * @return the count
	 */
	public synchronized int scheduledTasks() {
		return this.tasks.size();
	}

	/**
	 * Moves the clock on and runs every task that has come due, including those the tasks
	 * schedule within the time advanced, each on its event loop. Call from the test
	 * thread, never from an event loop.
	 * @param duration how far
	 */
	public void advance(Duration duration) {
		long target;
		synchronized (this) {
			target = this.nanos + duration.toNanos();
		}
		Task next;
		while ((next = nextDueBy(target)) != null) {
			Future<?> run = next.executor.submit(next.task);
			if (!run.awaitUninterruptibly(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("A scheduled task did not run within 10 s");
			}
		}
		synchronized (this) {
			this.millis += TimeUnit.NANOSECONDS.toMillis(target - this.nanos);
			this.nanos = target;
		}
	}

	/** Takes the earliest task due by a time, moving the clock to its due time. */
	private synchronized Task nextDueBy(long target) {
		Task next = this.tasks.stream()
			.min(Comparator.comparingLong(Task::due).thenComparingLong(Task::sequence))
			.orElse(null);
		if (next == null || next.due > target) {
			return null;
		}
		this.tasks.remove(next);
		this.millis += TimeUnit.NANOSECONDS.toMillis(next.due - this.nanos);
		this.nanos = Math.max(this.nanos, next.due);
		return next;
	}

	private synchronized void cancel(Task task) {
		this.tasks.remove(task);
	}

	private record Task(EventExecutor executor, Runnable task, long due, long sequence) {
	}

}
