package dev.mqttstack.broker.session;

import java.util.concurrent.atomic.AtomicLong;

import io.netty.util.concurrent.FastThreadLocal;

import dev.mqttstack.broker.message.Message;

/**
 * Hands out the identifiers messages are journaled under: one per message, kept while the
 * same thread fans the same message out to several persistent sessions, so a store keeps
 * the message once.
 */
final class MessageIds {

	private final AtomicLong last = new AtomicLong();

	private final FastThreadLocal<LastMessage> lastOnThread = new FastThreadLocal<>() {

		@Override
		protected LastMessage initialValue() {
			return new LastMessage();
		}

	};

	/**
	 * Continues after the highest identifier a store held.
	 * @param lastId the highest identifier in use
	 */
	void startAfter(long lastId) {
		this.last.accumulateAndGet(lastId, Math::max);
	}

	/**
	 * The identifier of a message: the one it got last on this thread, or a new one.
	 * @param message the message
	 * @return its identifier, more than 0
	 */
	long idOf(Message message) {
		LastMessage cached = this.lastOnThread.get();
		if (cached.message != message) {
			cached.message = message;
			cached.id = this.last.incrementAndGet();
		}
		return cached.id;
	}

	private static final class LastMessage {

		Message message;

		long id;

	}

}
