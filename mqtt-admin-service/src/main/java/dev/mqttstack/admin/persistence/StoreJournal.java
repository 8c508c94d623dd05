package dev.mqttstack.admin.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
 * <p>
 * A failure is {@link JournalFailure classified}: while PostgreSQL is unreachable the
 * batch is retried; an operation PostgreSQL refuses (SQL state class 22 or 23) or that
 * cannot be encoded is found by writing the batch in halves and dropped alone, reported
 * to the {@link JournalDropListener} and logged with its client identifier; a failure of
 * our own code is logged at ERROR and keeps {@link #failure()} set, and the writer thread
 * goes on with the other operations rather than dying.
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

	private volatile long unavailableSince;

	private volatile Throwable broken;

	private final AtomicLong droppedOperations = new AtomicLong();

	private final JournalDropListener dropListener;

	/** The batch being written, kept across a restart of the writer loop. */
	private JournalBatch current;

	/**
	 * Creates the journal and starts its writer thread.
	 * @param dataSource where to write
	 * @param batchSize most operations per transaction
	 * @param capacity pending operations past which the store reports pressure
	 * @param gcInterval how often messages no session refers to any more are deleted
	 */
	public StoreJournal(DataSource dataSource, int batchSize, int capacity, Duration gcInterval) {
		this(dataSource, batchSize, capacity, gcInterval, JournalDropListener.NONE);
	}

	/**
	 * Creates the journal and starts its writer thread.
	 * @param dataSource where to write
	 * @param batchSize most operations per transaction
	 * @param capacity pending operations past which the store reports pressure
	 * @param gcInterval how often messages no session refers to any more are deleted
	 * @param dropListener told of each operation dropped because it cannot be stored
	 */
	public StoreJournal(DataSource dataSource, int batchSize, int capacity, Duration gcInterval,
			JournalDropListener dropListener) {
		this.dropListener = dropListener;
		this.dataSource = dataSource;
		this.batchSize = batchSize;
		this.capacity = capacity;
		this.gcIntervalNanos = gcInterval.toNanos();
		this.writer = new Thread(this::run, "mqtt-store-journal");
		this.writer.setDaemon(true);
		this.writer.setUncaughtExceptionHandler((thread, ex) -> {
			this.broken = ex;
			logger.error("The session store writer thread died; health stays DOWN until a restart", ex);
		});
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
	 * How long the writer has been retrying without reaching PostgreSQL.
	 * @return the time, zero while available
	 */
	public Duration unavailableFor() {
		return this.available ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - this.unavailableSince);
	}

	/**
	 * The unexpected failure of the writer's own code, if one happened.
	 * @return the failure, or {@code null}
	 */
	public Throwable failure() {
		return this.writer.isAlive() ? this.broken : new IllegalStateException("the writer thread ended", this.broken);
	}

	/**
	 * Counts operations dropped because they could not be stored.
	 * @return the count
	 */
	public long droppedOperations() {
		return this.droppedOperations.get();
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
		while (true) {
			try {
				drain();
				return;
			}
			catch (Throwable ex) {
				// never die silently: report, stay DOWN, and keep writing the others
				fail(ex);
				if (this.closed) {
					return;
				}
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
			}
		}
	}

	private void drain() {
		long nextGc = System.nanoTime() + this.gcIntervalNanos;
		while (true) {
			JournalBatch batch = this.current;
			if (batch == null) {
				batch = new JournalBatch();
				JournalOp op;
				while (batch.size() < this.batchSize && (op = this.queue.poll()) != null) {
					add(batch, op);
				}
				this.current = batch;
			}
			if (batch.size() == 0) {
				this.current = null;
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
			boolean written = commit(batch);
			this.current = null;
			if (!written) {
				return;
			}
		}
	}

	/** Adds an operation to a batch; one our code cannot take is reported and dropped. */
	private void add(JournalBatch batch, JournalOp op) {
		try {
			batch.add(op);
		}
		catch (RuntimeException ex) {
			fail(ex);
			this.pending.decrementAndGet();
			dropped(op, ex, JournalFailure.BUG);
		}
	}

	/**
	 * Commits a batch: retries while the database is unreachable, and splits a batch with
	 * an operation that cannot be stored until that operation is found and dropped.
	 * @return false when closed while the database is unreachable
	 */
	private boolean commit(JournalBatch batch) {
		long backoff = 50;
		while (true) {
			Throwable failure;
			try (Connection connection = this.dataSource.getConnection()) {
				connection.setAutoCommit(false);
				try {
					batch.write(connection);
					connection.commit();
				}
				catch (SQLException | RuntimeException | Error ex) {
					rollback(connection);
					throw ex;
				}
				succeeded(batch);
				return true;
			}
			catch (VirtualMachineError ex) {
				throw ex;
			}
			catch (Exception | Error ex) {
				failure = ex;
			}
			JournalFailure kind = JournalFailure.classify(failure, this.dataSource);
			if (kind != JournalFailure.OUTAGE) {
				if (kind == JournalFailure.BUG) {
					fail(failure);
				}
				return isolate(batch, failure, kind);
			}
			if (this.available) {
				logger.error("The session store cannot write to PostgreSQL; publishes to persistent sessions "
						+ "wait unacknowledged until it can.", failure);
				this.unavailableSince = System.nanoTime();
			}
			this.available = false;
			this.lastError = failure.getMessage();
			if (this.closed) {
				logger.error("Closing the session store with {} operations not written.", this.pending.get());
				IllegalStateException closedFailure = new IllegalStateException("The session store was closed");
				batch.barriers().forEach((durable) -> durable.completeExceptionally(closedFailure));
				return false;
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoff));
			backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
		}
	}

	private static void rollback(Connection connection) {
		try {
			connection.rollback();
		}
		catch (SQLException | RuntimeException ex) {
			// the connection is gone; the transaction with it
		}
	}

	/**
	 * Writes the two halves of a refused batch in order, down to the single operation
	 * that cannot be stored, which is dropped: the other operations are kept.
	 */
	private boolean isolate(JournalBatch batch, Throwable failure, JournalFailure kind) {
		List<JournalOp> operations = batch.operations();
		if (operations.size() == 1) {
			dropped(operations.get(0), failure, kind);
			succeeded(batch);
			return true;
		}
		int half = operations.size() / 2;
		JournalBatch first = new JournalBatch();
		operations.subList(0, half).forEach(first::add);
		JournalBatch second = new JournalBatch();
		operations.subList(half, operations.size()).forEach(second::add);
		return commit(first) && commit(second);
	}

	private void dropped(JournalOp op, Throwable failure, JournalFailure kind) {
		this.droppedOperations.incrementAndGet();
		String clientId = JournalOp.clientId(op);
		if (kind == JournalFailure.UNSTORABLE) {
			logger.error(
					"Dropped a session store operation of client '{}' that PostgreSQL cannot store "
							+ "(kept in memory, lost on restart): {}: {}",
					clientId, JournalOp.describe(op), failure.getMessage());
		}
		else {
			logger.error("Dropped a session store operation of client '{}' on which the store failed "
					+ "(kept in memory, lost on restart): {}", clientId, JournalOp.describe(op));
		}
		try {
			this.dropListener.dropped(clientId, JournalOp.message(op), kind);
		}
		catch (RuntimeException ex) {
			logger.warn("A listener failed on a dropped session store operation", ex);
		}
	}

	/** Reports a failure of our own code once per kind, and keeps health DOWN. */
	private void fail(Throwable failure) {
		if (this.broken == null) {
			logger.error("The session store writer failed unexpectedly; health stays DOWN until a restart", failure);
		}
		else {
			logger.error("The session store writer failed unexpectedly again: {}", failure.toString());
		}
		this.broken = failure;
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
			int deleted = statement
				.executeUpdate("DELETE FROM mqtt_message m WHERE m.deliveries <= 0 AND " + DeliveryWriter.NOT_HELD);
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
