package dev.mqttstack.admin.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write path of the PostgreSQL session and retained stores: event loops append
 * {@link JournalOp operations} without blocking; one writer thread drains them and
 * group-commits up to {@code batchSize} at a time in one transaction, then completes the
 * {@link #flush() flushes} waiting on them. When PostgreSQL is unreachable the writer
 * retries the same batch with backoff, {@link #isAvailable()} turns false, and past
 * {@code capacity} pending operations the store reports pressure so that the broker stops
 * reading from publishers: nothing is acknowledged that is not committed.
 */
public final class StoreJournal implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(StoreJournal.class);

	private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

	private final DataSource dataSource;

	private final int batchSize;

	private final int capacity;

	private final long gcIntervalNanos;

	private final ConcurrentLinkedQueue<JournalOp> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger pending = new AtomicInteger();

	private final ThreadLocal<boolean[]> unflushed = ThreadLocal.withInitial(() -> new boolean[1]);

	private final Thread writer;

	private volatile boolean parked;

	private volatile boolean closed;

	private volatile boolean available = true;

	private volatile String lastError;

	private volatile long committedBatches;

	private volatile long committedOperations;

	/**
	 * Creates the journal and starts its writer thread.
	 * @param dataSource where to write
	 * @param batchSize most operations per transaction
	 * @param capacity pending operations past which the store reports pressure
	 * @param gcInterval how often messages no session refers to any more are deleted
	 */
	public StoreJournal(DataSource dataSource, int batchSize, int capacity, Duration gcInterval) {
		this.dataSource = dataSource;
		this.batchSize = batchSize;
		this.capacity = capacity;
		this.gcIntervalNanos = gcInterval.toNanos();
		this.writer = new Thread(this::run, "mqtt-store-journal");
		this.writer.setDaemon(true);
		this.writer.start();
	}

	/**
	 * Appends an operation. Any thread, never blocks.
	 * @param op the operation
	 * @param awaited whether the calling thread's next {@link #flush()} waits for it
	 */
	void append(JournalOp op, boolean awaited) {
		if (awaited) {
			this.unflushed.get()[0] = true;
		}
		this.queue.add(op);
		this.pending.incrementAndGet();
		if (this.parked) {
			LockSupport.unpark(this.writer);
		}
	}

	/**
	 * Completes once every awaited operation the calling thread appended is committed; at
	 * once when there is none.
	 * @return the completion, completed on the writer thread
	 */
	CompletionStage<Void> flush() {
		boolean[] dirty = this.unflushed.get();
		if (!dirty[0]) {
			return DONE;
		}
		dirty[0] = false;
		CompletableFuture<Void> durable = new CompletableFuture<>();
		append(new JournalOp.Barrier(durable), false);
		return durable;
	}

	/**
	 * Whether more operations wait than the capacity.
	 * @return {@code true} under pressure
	 */
	public boolean isUnderPressure() {
		return this.pending.get() > this.capacity;
	}

	/**
	 * Whether the last write reached PostgreSQL.
	 * @return {@code false} while the writer retries after a failure
	 */
	public boolean isAvailable() {
		return this.available;
	}

	/**
	 * The last write failure, for health details.
	 * @return the message, or {@code null}
	 */
	public String lastError() {
		return this.lastError;
	}

	/**
	 * Counts operations not committed yet.
	 * @return the count
	 */
	public int pending() {
		return this.pending.get();
	}

	/**
	 * Counts committed transactions.
	 * @return the count
	 */
	public long committedBatches() {
		return this.committedBatches;
	}

	/**
	 * Counts committed operations.
	 * @return the count
	 */
	public long committedOperations() {
		return this.committedOperations;
	}

	private void run() {
		long nextGc = System.nanoTime() + this.gcIntervalNanos;
		while (true) {
			JournalBatch batch = new JournalBatch();
			JournalOp op;
			while (batch.size() < this.batchSize && (op = this.queue.poll()) != null) {
				batch.add(op);
			}
			if (batch.size() == 0) {
				if (this.closed) {
					return;
				}
				if (System.nanoTime() - nextGc > 0) {
					collectGarbage();
					nextGc = System.nanoTime() + this.gcIntervalNanos;
				}
				this.parked = true;
				if (this.queue.isEmpty()) {
					LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
				}
				this.parked = false;
				continue;
			}
			if (!commit(batch)) {
				return;
			}
		}
	}

	/** Commits a batch, retrying while the database is unreachable; false when closed. */
	private boolean commit(JournalBatch batch) {
		long backoff = 50;
		while (true) {
			try (Connection connection = this.dataSource.getConnection()) {
				connection.setAutoCommit(false);
				try {
					batch.write(connection);
					connection.commit();
				}
				catch (SQLException | RuntimeException ex) {
					connection.rollback();
					throw ex;
				}
				succeeded(batch);
				return true;
			}
			catch (Exception | Error ex) {
				if (ex instanceof VirtualMachineError error) {
					throw error;
				}
				if (isRefused(ex)) {
					return commitOneByOne(batch, ex);
				}
				// the PostgreSQL driver reports some lost connections with an
				// AssertionError
				if (this.available) {
					logger.error("The session store cannot write to PostgreSQL; publishes to persistent sessions "
							+ "wait unacknowledged until it can.", ex);
				}
				this.available = false;
				this.lastError = ex.getMessage();
				if (this.closed) {
					logger.error("Closing the session store with {} operations not written.", this.pending.get());
					IllegalStateException failure = new IllegalStateException("The session store was closed");
					batch.barriers().forEach((durable) -> durable.completeExceptionally(failure));
					return false;
				}
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoff));
				backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
			}
		}
	}

	/**
	 * Writes a batch the database refused one operation at a time, so that one bad
	 * operation (say a client identifier PostgreSQL cannot store) is dropped, not every
	 * other session's changes with it.
	 */
	private boolean commitOneByOne(JournalBatch batch, Throwable refusal) {
		if (batch.size() == 1) {
			logger.error("PostgreSQL refused a session store operation, dropping it: {}", batch.operations().get(0),
					refusal);
			succeeded(batch);
			return true;
		}
		logger.warn("PostgreSQL refused a batch of {} session store operations ({}); writing them one by one",
				batch.size(), refusal.getMessage());
		for (JournalOp op : batch.operations()) {
			JournalBatch single = new JournalBatch();
			single.add(op);
			if (!commit(single)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether the database refused the data itself (SQL state class 22 or 23): no retry
	 * helps.
	 */
	private static boolean isRefused(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
				return true;
			}
		}
		return false;
	}

	private void succeeded(JournalBatch batch) {
		this.pending.addAndGet(-batch.size());
		this.committedBatches++;
		this.committedOperations += batch.size();
		if (!this.available) {
			logger.info("The session store reaches PostgreSQL again; {} operations wait.", this.pending.get());
		}
		this.available = true;
		this.lastError = null;
		batch.barriers().forEach((durable) -> durable.complete(null));
	}

	private void collectGarbage() {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			int deleted = statement.executeUpdate("DELETE FROM mqtt_message m WHERE NOT EXISTS "
					+ "(SELECT 1 FROM mqtt_session_message s WHERE s.message_id = m.id)");
			if (deleted > 0) {
				logger.debug("Deleted {} messages no session refers to any more", deleted);
			}
		}
		catch (SQLException | RuntimeException ex) {
			logger.debug("Could not delete unreferenced messages: {}", ex.getMessage());
		}
	}

	/**
	 * Writes what is pending and stops the writer; waits up to 10 seconds.
	 */
	@Override
	public void close() {
		this.closed = true;
		LockSupport.unpark(this.writer);
		try {
			this.writer.join(TimeUnit.SECONDS.toMillis(10));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.writer.isAlive()) {
			logger.warn("The session store writer did not finish within 10 s; {} operations not written",
					this.pending.get());
		}
	}

}
