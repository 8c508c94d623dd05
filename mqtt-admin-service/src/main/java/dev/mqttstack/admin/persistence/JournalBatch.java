package dev.mqttstack.admin.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.store.SessionState;

/**
 * The net effect of a run of {@link JournalOp journal operations}, written in one
 * transaction with batched statements: a message queued and acknowledged within the run
 * never reaches the database, a session removed drops what came before for it.
 */
final class JournalBatch {

	private final Set<String> removedSessions = new LinkedHashSet<>();

	private final Map<String, SessionRow> sessions = new LinkedHashMap<>();

	private final Set<String> subscriptionsReplaced = new LinkedHashSet<>();

	private final Map<Key, SessionState.StoredSubscription> subscriptions = new LinkedHashMap<>();

	private final Map<Key, QueuedRow> queued = new LinkedHashMap<>();

	private final Map<Key, Update> updates = new LinkedHashMap<>();

	private final Set<Key> removed = new LinkedHashSet<>();

	private final Map<Long, Message> messages = new HashMap<>();

	private final Map<Key, Boolean> inbound = new LinkedHashMap<>();

	private final Map<String, Message> retained = new LinkedHashMap<>();

	private final List<CompletableFuture<Void>> barriers = new ArrayList<>();

	private final List<JournalOp> operations = new ArrayList<>();

	int size() {
		return this.operations.size();
	}

	/**
	 * The operations in the order they were added, to write one by one when the database
	 * refuses the batch.
	 * @return the operations
	 */
	List<JournalOp> operations() {
		return this.operations;
	}

	List<CompletableFuture<Void>> barriers() {
		return this.barriers;
	}

	void add(JournalOp op) {
		this.operations.add(op);
		if (op instanceof JournalOp.MessageQueued message) {
			Key key = new Key(message.clientId(), message.messageId());
			// queued again after it left (a shared subscription handing it back): a new
			// row
			this.removed.remove(key);
			this.updates.remove(key);
			this.queued.put(key, new QueuedRow(message.qos(), message.retain(), message.subscriptionIds()));
			this.messages.putIfAbsent(message.messageId(), message.message());
		}
		else if (op instanceof JournalOp.MessageSent sent) {
			row(sent.clientId(), sent.messageId()).packetId = sent.packetId();
		}
		else if (op instanceof JournalOp.MessageReleased released) {
			row(released.clientId(), released.messageId()).released = true;
		}
		else if (op instanceof JournalOp.MessageRemoved messageRemoved) {
			Key key = new Key(messageRemoved.clientId(), messageRemoved.messageId());
			if (this.queued.remove(key) == null) {
				this.updates.remove(key);
				this.removed.add(key);
			}
		}
		else if (op instanceof JournalOp.Barrier barrier) {
			this.barriers.add(barrier.durable());
		}
		else if (op instanceof JournalOp.InboundQos2 qos2) {
			this.inbound.put(new Key(qos2.clientId(), qos2.packetId()), qos2.received());
		}
		else if (op instanceof JournalOp.RetainedPut put) {
			this.retained.put(put.message().topic(), put.message());
		}
		else if (op instanceof JournalOp.RetainedRemoved retainedRemoved) {
			this.retained.put(retainedRemoved.topic(), null);
		}
		else {
			addSessionChange(op);
		}
	}

	private void addSessionChange(JournalOp op) {
		if (op instanceof JournalOp.SessionConnected connected) {
			this.sessions.put(connected.clientId(), new SessionRow(connected.expiryInterval(), 0, connected.owner()));
		}
		else if (op instanceof JournalOp.SessionSaved saved) {
			SessionState state = saved.state();
			this.sessions.put(state.clientId(),
					new SessionRow(state.expiryIntervalSeconds(), state.disconnectedAt(), state.owner()));
			this.subscriptions.keySet().removeIf((key) -> key.clientId.equals(state.clientId()));
			this.subscriptionsReplaced.add(state.clientId());
			for (SessionState.StoredSubscription subscription : state.subscriptions()) {
				this.subscriptions.put(new Key(state.clientId(), subscription.topicFilter()), subscription);
			}
		}
		else if (op instanceof JournalOp.SessionRemoved sessionRemoved) {
			removeSession(sessionRemoved.clientId());
		}
		else if (op instanceof JournalOp.SubscriptionAdded added) {
			this.subscriptions.put(new Key(added.clientId(), added.subscription().topicFilter()), added.subscription());
		}
		else if (op instanceof JournalOp.SubscriptionRemoved subscriptionRemoved) {
			this.subscriptions.put(new Key(subscriptionRemoved.clientId(), subscriptionRemoved.topicFilter()), null);
		}
	}

	/**
	 * The pending change of a session message: its new row or an update of a stored one.
	 */
	private Update row(String clientId, long messageId) {
		Key key = new Key(clientId, messageId);
		QueuedRow row = this.queued.get(key);
		return (row != null) ? row : this.updates.computeIfAbsent(key, (k) -> new Update());
	}

	private void removeSession(String clientId) {
		this.removedSessions.add(clientId);
		this.sessions.remove(clientId);
		this.subscriptionsReplaced.remove(clientId);
		this.subscriptions.keySet().removeIf((key) -> key.clientId.equals(clientId));
		this.queued.keySet().removeIf((key) -> key.clientId.equals(clientId));
		this.updates.keySet().removeIf((key) -> key.clientId.equals(clientId));
		this.removed.removeIf((key) -> key.clientId.equals(clientId));
		this.inbound.keySet().removeIf((key) -> key.clientId.equals(clientId));
	}

	/**
	 * Writes the net effect; the caller commits.
	 * @param connection a connection with auto-commit off
	 * @throws SQLException when the database refuses
	 */
	void write(Connection connection) throws SQLException {
		if (!this.removedSessions.isEmpty()) {
			String[] clients = this.removedSessions.toArray(new String[0]);
			for (String table : List.of("mqtt_session", "mqtt_session_subscription", "mqtt_session_message",
					"mqtt_session_inbound_qos2")) {
				try (PreparedStatement delete = connection
					.prepareStatement("DELETE FROM " + table + " WHERE client_id = ANY (?)")) {
					delete.setArray(1, connection.createArrayOf("text", clients));
					delete.executeUpdate();
				}
			}
		}
		writeSessions(connection);
		writeSubscriptions(connection);
		writeMessages(connection);
		writeInbound(connection);
		writeRetained(connection);
	}

	private void writeSessions(Connection connection) throws SQLException {
		if (this.sessions.isEmpty()) {
			return;
		}
		try (PreparedStatement upsert = connection.prepareStatement(
				"""
						INSERT INTO mqtt_session (client_id, expiry_interval, disconnected_at, owner, owner_recorded, updated_at)
						VALUES (?, ?, ?, ?, ?, now())
						ON CONFLICT (client_id) DO UPDATE SET expiry_interval = excluded.expiry_interval,
						disconnected_at = excluded.disconnected_at, owner = excluded.owner,
						owner_recorded = excluded.owner_recorded, updated_at = now()""")) {
			for (Map.Entry<String, SessionRow> session : this.sessions.entrySet()) {
				upsert.setString(1, session.getKey());
				upsert.setLong(2, session.getValue().expiryInterval);
				if (session.getValue().disconnectedAt > 0) {
					upsert.setTimestamp(3, new Timestamp(session.getValue().disconnectedAt));
				}
				else {
					upsert.setNull(3, Types.TIMESTAMP);
				}
				SessionState.Owner owner = session.getValue().owner;
				upsert.setString(4, (owner != null) ? owner.username() : null);
				upsert.setBoolean(5, owner != null);
				upsert.addBatch();
			}
			upsert.executeBatch();
		}
	}

	private void writeSubscriptions(Connection connection) throws SQLException {
		if (!this.subscriptionsReplaced.isEmpty()) {
			try (PreparedStatement delete = connection
				.prepareStatement("DELETE FROM mqtt_session_subscription WHERE client_id = ANY (?)")) {
				delete.setArray(1, connection.createArrayOf("text", this.subscriptionsReplaced.toArray()));
				delete.executeUpdate();
			}
		}
		if (this.subscriptions.isEmpty()) {
			return;
		}
		try (PreparedStatement upsert = connection.prepareStatement("""
				INSERT INTO mqtt_session_subscription
				(client_id, topic_filter, qos, no_local, retain_as_published, subscription_id)
				VALUES (?, ?, ?, ?, ?, ?)
				ON CONFLICT (client_id, topic_filter) DO UPDATE SET qos = excluded.qos,
				no_local = excluded.no_local, retain_as_published = excluded.retain_as_published,
				subscription_id = excluded.subscription_id""");
				PreparedStatement delete = connection.prepareStatement(
						"DELETE FROM mqtt_session_subscription WHERE client_id = ? AND topic_filter = ?")) {
			for (Map.Entry<Key, SessionState.StoredSubscription> entry : this.subscriptions.entrySet()) {
				SessionState.StoredSubscription subscription = entry.getValue();
				if (subscription == null) {
					delete.setString(1, entry.getKey().clientId);
					delete.setString(2, (String) entry.getKey().id);
					delete.addBatch();
					continue;
				}
				upsert.setString(1, entry.getKey().clientId);
				upsert.setString(2, subscription.topicFilter());
				upsert.setInt(3, subscription.qos());
				upsert.setBoolean(4, subscription.noLocal());
				upsert.setBoolean(5, subscription.retainAsPublished());
				upsert.setInt(6, subscription.subscriptionId());
				upsert.addBatch();
			}
			upsert.executeBatch();
			delete.executeBatch();
		}
	}

	private void writeMessages(Connection connection) throws SQLException {
		if (!this.queued.isEmpty()) {
			Set<Long> referenced = new LinkedHashSet<>();
			this.queued.keySet().forEach((key) -> referenced.add((Long) key.id));
			insertMessages(connection, referenced);
			insertSessionMessages(connection);
		}
		if (!this.updates.isEmpty()) {
			try (PreparedStatement update = connection.prepareStatement("""
					UPDATE mqtt_session_message SET packet_id = coalesce(?, packet_id), released = released OR ?
					WHERE client_id = ? AND message_id = ?""")) {
				for (Map.Entry<Key, Update> entry : this.updates.entrySet()) {
					if (entry.getValue().packetId > 0) {
						update.setInt(1, entry.getValue().packetId);
					}
					else {
						update.setNull(1, Types.INTEGER);
					}
					update.setBoolean(2, entry.getValue().released);
					update.setString(3, entry.getKey().clientId);
					update.setLong(4, (Long) entry.getKey().id);
					update.addBatch();
				}
				update.executeBatch();
			}
		}
		if (!this.removed.isEmpty()) {
			String[] clients = new String[this.removed.size()];
			Long[] messageIds = new Long[this.removed.size()];
			int i = 0;
			for (Key key : this.removed) {
				clients[i] = key.clientId;
				messageIds[i++] = (Long) key.id;
			}
			try (PreparedStatement delete = connection.prepareStatement("""
					DELETE FROM mqtt_session_message t USING unnest(?::text[], ?::bigint[]) AS d(client_id, message_id)
					WHERE t.client_id = d.client_id AND t.message_id = d.message_id""")) {
				delete.setArray(1, connection.createArrayOf("text", clients));
				delete.setArray(2, connection.createArrayOf("bigint", messageIds));
				delete.executeUpdate();
			}
			try (PreparedStatement delete = connection.prepareStatement("""
					DELETE FROM mqtt_message m WHERE m.id = ANY (?::bigint[])
					AND NOT EXISTS (SELECT 1 FROM mqtt_session_message s WHERE s.message_id = m.id)""")) {
				Object[] distinct = new LinkedHashSet<>(List.of(messageIds)).toArray();
				delete.setArray(1, connection.createArrayOf("bigint", distinct));
				delete.executeUpdate();
			}
		}
	}

	/**
	 * Inserts the messages the new session messages refer to with one statement over
	 * arrays (a message already stored by an earlier batch is kept).
	 */
	private void insertMessages(Connection connection, Set<Long> ids) throws SQLException {
		int size = ids.size();
		Long[] messageIds = new Long[size];
		String[] topics = new String[size];
		byte[][] payloads = new byte[size][];
		Integer[] qos = new Integer[size];
		Boolean[] retain = new Boolean[size];
		byte[][] properties = new byte[size][];
		String[] publishers = new String[size];
		Long[] receivedAt = new Long[size];
		int i = 0;
		for (Long id : ids) {
			Message message = this.messages.get(id);
			messageIds[i] = id;
			topics[i] = message.topic();
			payloads[i] = message.payload();
			qos[i] = message.qos();
			retain[i] = message.retain();
			properties[i] = MessagePropertiesCodec.encode(message.properties());
			publishers[i] = message.publisherId();
			receivedAt[i++] = message.timestamp();
		}
		try (PreparedStatement insert = connection.prepareStatement("""
				INSERT INTO mqtt_message (id, topic, payload, qos, retain, properties, publisher_id, received_at)
				SELECT * FROM unnest(?::bigint[], ?::text[], ?::bytea[], ?::smallint[], ?::boolean[], ?::bytea[],
				?::text[], ?::bigint[])
				ON CONFLICT (id) DO NOTHING""")) {
			insert.setArray(1, connection.createArrayOf("bigint", messageIds));
			insert.setArray(2, connection.createArrayOf("text", topics));
			insert.setArray(3, connection.createArrayOf("bytea", payloads));
			insert.setArray(4, connection.createArrayOf("smallint", qos));
			insert.setArray(5, connection.createArrayOf("boolean", retain));
			insert.setArray(6, connection.createArrayOf("bytea", properties));
			insert.setArray(7, connection.createArrayOf("text", publishers));
			insert.setArray(8, connection.createArrayOf("bigint", receivedAt));
			insert.executeUpdate();
		}
	}

	/** Inserts the new session messages with one statement over arrays, the hot path. */
	private void insertSessionMessages(Connection connection) throws SQLException {
		int size = this.queued.size();
		String[] clients = new String[size];
		Long[] messageIds = new Long[size];
		Integer[] qos = new Integer[size];
		Boolean[] retain = new Boolean[size];
		String[] subscriptionIds = new String[size];
		Integer[] packetIds = new Integer[size];
		Boolean[] released = new Boolean[size];
		int i = 0;
		for (Map.Entry<Key, QueuedRow> entry : this.queued.entrySet()) {
			QueuedRow row = entry.getValue();
			clients[i] = entry.getKey().clientId;
			messageIds[i] = (Long) entry.getKey().id;
			qos[i] = row.qos;
			retain[i] = row.retain;
			subscriptionIds[i] = row.subscriptionIds.isEmpty() ? "{}"
					: row.subscriptionIds.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
			packetIds[i] = (row.packetId > 0) ? row.packetId : null;
			released[i++] = row.released;
		}
		Object[][] columns = { clients, messageIds, qos, retain, subscriptionIds, packetIds, released };
		// a plain INSERT costs about half an upsert per row; a row can only exist already
		// when a message comes back to a session that still holds it, so the rare
		// conflict falls back to the upsert
		Savepoint beforeInsert = connection.setSavepoint();
		try {
			insertSessionMessages(connection, columns, "");
			connection.releaseSavepoint(beforeInsert);
		}
		catch (SQLException ex) {
			if (!"23505".equals(ex.getSQLState())) {
				throw ex;
			}
			connection.rollback(beforeInsert);
			insertSessionMessages(connection, columns, """
					ON CONFLICT (client_id, message_id) DO UPDATE SET qos = excluded.qos, retain = excluded.retain,
					subscription_ids = excluded.subscription_ids, packet_id = excluded.packet_id,
					released = excluded.released""");
		}
	}

	private static void insertSessionMessages(Connection connection, Object[][] columns, String onConflict)
			throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement("""
				INSERT INTO mqtt_session_message
				(client_id, message_id, qos, retain, subscription_ids, packet_id, released)
				SELECT c, m, q, r, CASE WHEN s = '{}' THEN '{}'::integer[] ELSE s::integer[] END, p, rel
				FROM unnest(?::text[], ?::bigint[], ?::smallint[], ?::boolean[], ?::text[], ?::integer[], ?::boolean[])
				AS t(c, m, q, r, s, p, rel)
				""" + onConflict)) {
			String[] types = { "text", "bigint", "smallint", "boolean", "text", "integer", "boolean" };
			for (int i = 0; i < types.length; i++) {
				insert.setArray(i + 1, connection.createArrayOf(types[i], columns[i]));
			}
			insert.executeUpdate();
		}
	}

	private void writeInbound(Connection connection) throws SQLException {
		if (this.inbound.isEmpty()) {
			return;
		}
		try (PreparedStatement insert = connection.prepareStatement(
				"INSERT INTO mqtt_session_inbound_qos2 (client_id, packet_id) VALUES (?, ?) ON CONFLICT DO NOTHING");
				PreparedStatement delete = connection
					.prepareStatement("DELETE FROM mqtt_session_inbound_qos2 WHERE client_id = ? AND packet_id = ?")) {
			for (Map.Entry<Key, Boolean> entry : this.inbound.entrySet()) {
				PreparedStatement statement = entry.getValue() ? insert : delete;
				statement.setString(1, entry.getKey().clientId);
				statement.setInt(2, (Integer) entry.getKey().id);
				statement.addBatch();
			}
			insert.executeBatch();
			delete.executeBatch();
		}
	}

	private void writeRetained(Connection connection) throws SQLException {
		if (this.retained.isEmpty()) {
			return;
		}
		try (PreparedStatement upsert = connection.prepareStatement("""
				INSERT INTO mqtt_retained (topic, payload, qos, properties, publisher_id, received_at)
				VALUES (?, ?, ?, ?, ?, ?)
				ON CONFLICT (topic) DO UPDATE SET payload = excluded.payload, qos = excluded.qos,
				properties = excluded.properties, publisher_id = excluded.publisher_id,
				received_at = excluded.received_at""");
				PreparedStatement delete = connection.prepareStatement("DELETE FROM mqtt_retained WHERE topic = ?")) {
			for (Map.Entry<String, Message> entry : this.retained.entrySet()) {
				Message message = entry.getValue();
				if (message == null) {
					delete.setString(1, entry.getKey());
					delete.addBatch();
					continue;
				}
				upsert.setString(1, message.topic());
				upsert.setBytes(2, message.payload());
				upsert.setInt(3, message.qos());
				upsert.setBytes(4, MessagePropertiesCodec.encode(message.properties()));
				upsert.setString(5, message.publisherId());
				upsert.setLong(6, message.timestamp());
				upsert.addBatch();
			}
			upsert.executeBatch();
			delete.executeBatch();
		}
	}

	/** A row keyed by client identifier and a topic filter, message or packet id. */
	private record Key(String clientId, Object id) {
	}

	private record SessionRow(long expiryInterval, long disconnectedAt, SessionState.Owner owner) {
	}

	private static final class QueuedRow extends Update {

		final int qos;

		final boolean retain;

		final List<Integer> subscriptionIds;

		QueuedRow(int qos, boolean retain, List<Integer> subscriptionIds) {
			this.qos = qos;
			this.retain = retain;
			this.subscriptionIds = subscriptionIds;
		}

	}

	private static class Update {

		int packetId;

		boolean released;

	}

}
