package dev.mqttstack.broker.session;

import java.util.ArrayDeque;
import java.util.List;

import dev.mqttstack.broker.QueueOverflowPolicy;
import dev.mqttstack.broker.event.DropReason;

/**
 * The messages of one session waiting for its client, bounded in count and payload bytes:
 * a full queue applies the overflow policy, and every message it drops is reported and
 * leaves the journal. On the session's owner loop.
 */
final class OutboundQueue {

	/**
	 * Created by the first queued message, and small: most sessions never queue, and an
	 * empty deque is otherwise 88 bytes.
	 */
	private ArrayDeque<Pending> queue;

	private final int maxMessages;

	private final long maxBytes;

	private final QueueOverflowPolicy policy;

	private final SessionJournal journal;

	private final SessionDrops drops;

	private long bytes;

	OutboundQueue(int maxMessages, long maxBytes, QueueOverflowPolicy policy, SessionJournal journal,
			SessionDrops drops) {
		this.maxMessages = maxMessages;
		this.maxBytes = maxBytes;
		this.policy = policy;
		this.journal = journal;
		this.drops = drops;
	}

	/**
	 * Queues a message, or applies the overflow policy when the queue is full.
	 * @return what became of it
	 */
	Offer offer(Pending pending) {
		if (isFullFor(pending)) {
			switch (this.policy) {
				case DROP_OLDEST -> {
					while (!isEmpty() && isFullFor(pending)) {
						discard(poll(), DropReason.QUEUE_FULL);
					}
					if (isFullFor(pending)) {
						discard(pending, DropReason.QUEUE_FULL);
						return Offer.DROPPED;
					}
				}
				case DISCONNECT -> {
					discard(pending, DropReason.QUEUE_FULL);
					return Offer.DISCONNECT;
				}
				default -> {
					discard(pending, DropReason.QUEUE_FULL);
					return Offer.DROPPED;
				}
			}
		}
		add(pending);
		return Offer.QUEUED;
	}

	/** Drops a message that leaves the queue undelivered. */
	void discard(Pending pending, DropReason reason) {
		this.journal.removed(pending.storeId());
		this.drops.drop(pending.message(), reason);
	}

	/** Appends without a limit, as a restored session does. */
	void add(Pending pending) {
		if (this.queue == null) {
			this.queue = new ArrayDeque<>(1);
		}
		this.queue.add(pending);
		this.bytes += pending.message().payload().length;
	}

	Pending peek() {
		return (this.queue != null) ? this.queue.peek() : null;
	}

	Pending poll() {
		Pending next = this.queue.poll();
		this.bytes -= next.message().payload().length;
		return next;
	}

	boolean isEmpty() {
		return this.queue == null || this.queue.isEmpty();
	}

	int size() {
		return (this.queue != null) ? this.queue.size() : 0;
	}

	long bytes() {
		return this.bytes;
	}

	Iterable<Pending> messages() {
		return (this.queue != null) ? this.queue : List.of();
	}

	/** Takes out the messages shared subscriptions chose this session for. */
	void takeShared(List<Pending> taken) {
		if (this.queue == null) {
			return;
		}
		this.queue.removeIf((pending) -> {
			boolean take = pending.shareKey() != null;
			if (take) {
				taken.add(pending);
				this.journal.removed(pending.storeId());
				this.bytes -= pending.message().payload().length;
			}
			return take;
		});
	}

	void clear() {
		if (this.queue != null) {
			this.queue.clear();
		}
		this.bytes = 0;
	}

	private boolean isFullFor(Pending pending) {
		return size() >= this.maxMessages
				|| (this.maxBytes > 0 && this.bytes + pending.message().payload().length > this.maxBytes);
	}

	/** What became of an offered message. */
	enum Offer {

		/** It was queued. */
		QUEUED,

		/** The full queue dropped it. */
		DROPPED,

		/** The full queue dropped it, and the client is to be disconnected. */
		DISCONNECT

	}

}
