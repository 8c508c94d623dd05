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

}
