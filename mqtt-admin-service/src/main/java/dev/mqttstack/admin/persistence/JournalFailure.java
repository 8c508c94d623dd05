package dev.mqttstack.admin.persistence;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * What a failed write of the {@link StoreJournal} means, which decides what the journal
 * does next.
 */
public enum JournalFailure {

	/**
	 * PostgreSQL cannot be reached or refuses for a reason that may pass (connection
	 * lost, server shutting down, out of resources, a serialization conflict): retry the
	 * same operations with backoff and acknowledge nothing meanwhile.
	 */
	OUTAGE,

	/**
	 * One operation cannot be stored however often it is tried: it cannot be encoded, or
	 * PostgreSQL refuses its data (SQL state class 22, data exception, or 23, integrity
	 * constraint violation). Drop that operation alone.
	 */
	UNSTORABLE,

	/**
	 * Our own code failed (an unexpected exception or error) while the database is
	 * reachable: report it loudly, turn health DOWN and drop the operation that triggers
	 * it so the others are still written.
	 */
	BUG;

	/**
	 * Classifies a failure of a write.
	 * @param failure what was thrown
	 * @param dataSource the database, asked whether it is reachable when the failure
	 * itself does not tell
	 * @return the classification
	 */
	static JournalFailure classify(Throwable failure, DataSource dataSource) {
		boolean sql = false;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof UnstorableOperationException) {
				return UNSTORABLE;
			}
			if (cause instanceof SQLException exception) {
				String state = exception.getSQLState();
				if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
					return UNSTORABLE;
				}
				sql = true;
			}
		}
		if (sql) {
			return OUTAGE;
		}
		// the PostgreSQL driver reports some lost connections with an AssertionError or
		// an unchecked exception: only a reachable database makes it our bug
		return reachable(dataSource) ? BUG : OUTAGE;
	}

	private static boolean reachable(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			return connection.isValid(2);
		}
		catch (SQLException | RuntimeException ex) {
			return false;
		}
	}

}
