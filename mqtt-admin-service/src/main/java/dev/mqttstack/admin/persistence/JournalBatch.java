package dev.mqttstack.admin.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
			// queued again after it left (a shared subscription handing it back): the
			// removal of the stored delivery is written first, then a new row
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
		DeliveryWriter deliveries = new DeliveryWriter(connection);
		if (!this.removedSessions.isEmpty()) {
			String[] clients = this.removedSessions.toArray(new String[0]);
			deliveries.removeSessions(clients);
			for (String table : List.of("mqtt_session", "mqtt_session_subscription", "mqtt_session_inbound_qos2")) {
				try (PreparedStatement delete = connection
					.prepareStatement("DELETE FROM " + table + " WHERE client_id = ANY (?)")) {
					delete.setArray(1, connection.createArrayOf("text", clients));
					delete.executeUpdate();
				}
			}
		}
		writeSessions(connection);
		writeSubscriptions(connection);
		writeMessages(deliveries);
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

	private void writeMessages(DeliveryWriter deliveries) throws SQLException {
		if (!this.removed.isEmpty()) {
			deliveries.remove(this.removed);
		}
		if (!this.queued.isEmpty()) {
			deliveries.queue(this.queued, this.messages);
		}
		deliveries.update(this.updates);
		deliveries.deleteUnreferenced();
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
	record Key(String clientId, Object id) {
	}

	private record SessionRow(long expiryInterval, long disconnectedAt, SessionState.Owner owner) {
	}

	static final class QueuedRow extends Update {

		final int qos;

		final boolean retain;

		final List<Integer> subscriptionIds;

		QueuedRow(int qos, boolean retain, List<Integer> subscriptionIds) {
			this.qos = qos;
			this.retain = retain;
			this.subscriptionIds = subscriptionIds;
		}

	}

	static class Update {

		int packetId;

		boolean released;

	}

}
