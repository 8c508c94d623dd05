package dev.mqttstack.admin.persistence;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.store.SessionState;

/**
 * One change the {@link StoreJournal} writes to PostgreSQL, in the order the broker made
 * it.
 */
sealed interface JournalOp {

	record SessionConnected(String clientId, long expiryInterval, SessionState.Owner owner) implements JournalOp {

		/** A connect whose owner is not recorded. */
		SessionConnected(String clientId, long expiryInterval) {
			this(clientId, expiryInterval, null);
		}
	}

	record SessionSaved(SessionState state) implements JournalOp {
	}

	record SessionRemoved(String clientId) implements JournalOp {
	}

	record SubscriptionAdded(String clientId, SessionState.StoredSubscription subscription) implements JournalOp {
	}

	record SubscriptionRemoved(String clientId, String topicFilter) implements JournalOp {
	}

	record MessageQueued(String clientId, long messageId, Message message, int qos, boolean retain,
			List<Integer> subscriptionIds) implements JournalOp {
	}

	record MessageSent(String clientId, long messageId, int packetId) implements JournalOp {
	}

	record MessageReleased(String clientId, long messageId) implements JournalOp {
	}

	record MessageRemoved(String clientId, long messageId) implements JournalOp {
	}

	record InboundQos2(String clientId, int packetId, boolean received) implements JournalOp {
	}

	record RetainedPut(Message message) implements JournalOp {
	}

	record RetainedRemoved(String topic) implements JournalOp {
	}

	/** Completes once every change before it is committed. */
	record Barrier(CompletableFuture<Void> durable) implements JournalOp {
	}

	/**
	 * The client an operation concerns, for log lines and events: the session's client,
	 * or the publisher of a retained message.
	 * @param op the operation
	 * @return the client identifier, or {@code null}
	 */
	static String clientId(JournalOp op) {
		if (op instanceof MessageQueued queued) {
			return queued.clientId();
		}
		if (op instanceof RetainedPut put) {
			return put.message().publisherId();
		}
		if (op instanceof SessionConnected connected) {
			return connected.clientId();
		}
		if (op instanceof SessionSaved saved) {
			return saved.state().clientId();
		}
		if (op instanceof SessionRemoved removed) {
			return removed.clientId();
		}
		if (op instanceof SubscriptionAdded added) {
			return added.clientId();
		}
		if (op instanceof SubscriptionRemoved removed) {
			return removed.clientId();
		}
		if (op instanceof MessageSent sent) {
			return sent.clientId();
		}
		if (op instanceof MessageReleased released) {
			return released.clientId();
		}
		if (op instanceof MessageRemoved removed) {
			return removed.clientId();
		}
		if (op instanceof InboundQos2 inbound) {
			return inbound.clientId();
		}
		return null;
	}

	/**
	 * The message an operation stores, if any.
	 * @param op the operation
	 * @return the message, or {@code null}
	 */
	static Message message(JournalOp op) {
		if (op instanceof MessageQueued queued) {
			return queued.message();
		}
		if (op instanceof RetainedPut put) {
			return put.message();
		}
		return null;
	}

	/**
	 * A short description without payload or properties, for a log line.
	 * @param op the operation
	 * @return the description
	 */
	static String describe(JournalOp op) {
		Message message = message(op);
		String kind = op.getClass().getSimpleName();
		return (message != null) ? kind + " of a message to topic '" + abbreviate(message.topic()) + "'" : kind;
	}

	private static String abbreviate(String text) {
		return (text.length() > 200) ? text.substring(0, 200) + "…" : text;
	}

}
