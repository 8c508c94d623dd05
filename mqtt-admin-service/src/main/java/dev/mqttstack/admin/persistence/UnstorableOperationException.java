package dev.mqttstack.admin.persistence;

/**
 * Thrown when one {@link JournalOp journal operation} cannot be stored whatever the state
 * of the database (its data cannot be encoded); the journal drops that operation alone.
 */
class UnstorableOperationException extends RuntimeException {

	UnstorableOperationException(String message) {
		super(message);
	}

}
