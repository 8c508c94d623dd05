package dev.mqttstack.broker.connection;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mqttstack.broker.event.DisconnectReason;
import dev.mqttstack.broker.store.SessionStore;

/**
 * The PUBACK / PUBREC replies of one connection that wait for the session store to make
 * their messages durable: written in the order their PUBLISH packets arrived, each once
 * its flush completes. Past {@link #MAX_WAITING} waiting replies, or while the store is
 * under pressure, the connection stops reading until the store catches up: backpressure,
 * never an acknowledgement of a message the store does not hold. On the connection's
 * event loop.
 */
public final class DurableAcks {

	/** Waiting replies past which the connection stops reading. */
	static final int MAX_WAITING = 256;

	private static final Logger logger = LoggerFactory.getLogger(DurableAcks.class);

	private final MqttConnection connection;

	private final ArrayDeque<Reply> replies = new ArrayDeque<>();

	private int waiting;

	DurableAcks(MqttConnection connection) {
		this.connection = connection;
	}

	/**
	 * Writes a reply once what the store was told on this thread is durable: at once when
	 * nothing waits.
	 * @param store the session store
	 * @param reply writes the PUBACK or PUBREC
	 */
	public void reply(SessionStore store, Runnable reply) {
		CompletionStage<Void> durable = store.flush();
		boolean done = durable instanceof CompletableFuture<Void> future && future.isDone()
				&& !future.isCompletedExceptionally();
		if (done && this.replies.isEmpty()) {
			reply.run();
			return;
		}
		Reply entry = new Reply(reply);
		this.replies.add(entry);
		if (done) {
			entry.ready = true;
			return;
		}
		this.waiting++;
		durable.whenComplete((ignored, failure) -> this.connection.eventLoop().execute(() -> {
			this.waiting--;
			entry.ready = true;
			entry.failed = failure != null;
			writeReady();
			pressure(store);
		}));
		pressure(store);
	}

	private void writeReady() {
		while (!this.replies.isEmpty() && this.replies.peek().ready) {
			Reply next = this.replies.poll();
			if (next.failed) {
				logger.warn("The session store failed to keep a message of {}; closing without acknowledging it.",
						this.connection);
				this.replies.clear();
				this.connection.close(DisconnectReason.SERVER_SHUTTING_DOWN);
				return;
			}
			next.write.run();
		}
	}

	private void pressure(SessionStore store) {
		boolean pause = this.waiting >= MAX_WAITING || (this.waiting > 0 && store.isUnderPressure());
		if (pause) {
			this.connection.readGate().pause(ReadPause.STORE);
		}
		else if (this.connection.readGate().isPaused(ReadPause.STORE)) {
			this.connection.readGate().resume(ReadPause.STORE);
		}
	}

	/**
	 * Counts replies not written yet.
	 * @return the count
	 */
	public int pending() {
		return this.replies.size();
	}

	private static final class Reply {

		final Runnable write;

		boolean ready;

		boolean failed;

		Reply(Runnable write) {
			this.write = write;
		}

	}

}
