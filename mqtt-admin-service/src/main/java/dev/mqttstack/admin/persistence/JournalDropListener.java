package dev.mqttstack.admin.persistence;

import dev.mqttstack.broker.message.Message;

/**
 * Told of each operation the {@link StoreJournal} dropped because it cannot be stored, on
 * the writer thread.
 */
@FunctionalInterface
public interface JournalDropListener {

	/** Does nothing. */
	JournalDropListener NONE = (clientId, message, kind) -> {
	};

	/**
	 * An operation was dropped.
	 * @param clientId the client it concerned, or {@code null}
	 * @param message the message it stored, or {@code null} for a session change
	 * @param kind why it could not be stored
	 */
	void dropped(String clientId, Message message, JournalFailure kind);

}
