package dev.mqttstack.admin.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.mqttstack.broker.message.Message;

/**
 * Writes the message part of a {@link JournalBatch}: a message once in
 * {@code mqtt_message}, the deliveries of the batch as one {@code mqtt_session_delivery}
 * row per session (message ids with their QoS, retain flag and subscription identifiers
 * as arrays), deliveries in flight as {@code mqtt_session_inflight} rows, and removals as
 * ids appended to the rows that hold them. {@code mqtt_message.deliveries} counts the
 * deliveries of a message; when it reaches zero the message is deleted, after checking
 * that no delivery row still holds it.
 * <p>
 * The order within the transaction matters: removals first, so that a message removed and
 * queued again in the same batch is removed from the old row and not from the new one.
 */
final class DeliveryWriter {

	/**
	 * Most deliveries in one row: keeps a row below PostgreSQL's 8 kB page, stored inline
	 * without compression, and cheap to rewrite when a delivery is removed.
	 */
	static final int ROW_LIMIT = 256;

	private final Connection connection;

	private final Set<Long> unreferenced = new LinkedHashSet<>();

	DeliveryWriter(Connection connection) {
		this.connection = connection;
	}

	/**
	 * Removes the deliveries of whole sessions (before their rows are deleted) and
	 * remembers the messages that may have lost their last delivery.
	 * @param clients the client identifiers of the removed sessions
	 * @throws SQLException when the database refuses
	 */
	void removeSessions(String[] clients) throws SQLException {
		try (PreparedStatement count = this.connection.prepareStatement("""
				UPDATE mqtt_message m SET deliveries = m.deliveries - c.n
				FROM (SELECT message_id, count(*) AS n FROM mqtt_session_message WHERE client_id = ANY (?)
				GROUP BY message_id) c
				WHERE m.id = c.message_id RETURNING m.id, m.deliveries""")) {
			count.setArray(1, this.connection.createArrayOf("text", clients));
			collectUnreferenced(count);
		}
		for (String table : List.of("mqtt_session_delivery", "mqtt_session_inflight")) {
			try (PreparedStatement delete = this.connection
				.prepareStatement("DELETE FROM " + table + " WHERE client_id = ANY (?)")) {
				delete.setArray(1, this.connection.createArrayOf("text", clients));
				delete.executeUpdate();
			}
		}
	}

	/**
	 * Writes removed deliveries: appended to the removed ids of the rows whose range
	 * covers them (a row all of whose messages are removed is deleted), their in-flight
	 * state deleted, their messages' delivery count decremented.
	 * @param removed the removed deliveries
	 * @throws SQLException when the database refuses
	 */
	void remove(Collection<JournalBatch.Key> removed) throws SQLException {
		String[] clients = new String[removed.size()];
		Long[] messageIds = new Long[removed.size()];
		int i = 0;
		for (JournalBatch.Key key : removed) {
			clients[i] = key.clientId();
			messageIds[i++] = (Long) key.id();
		}
		List<String> touchedClients = new ArrayList<>();
		List<Long> touchedRows = new ArrayList<>();
		try (PreparedStatement mark = this.connection.prepareStatement("""
				UPDATE mqtt_session_delivery q
				SET removed = q.removed || ARRAY(SELECT x FROM unnest(r.ids) AS x
					WHERE x BETWEEN q.first_message_id AND q.last_message_id)
				FROM (SELECT c, array_agg(m) AS ids, min(m) AS lo, max(m) AS hi
					FROM unnest(?::text[], ?::bigint[]) AS t(c, m) GROUP BY c) r
				WHERE q.client_id = r.c AND q.first_message_id <= r.hi AND q.last_message_id >= r.lo
				RETURNING q.client_id, q.id""")) {
			mark.setArray(1, this.connection.createArrayOf("text", clients));
			mark.setArray(2, this.connection.createArrayOf("bigint", messageIds));
			try (ResultSet rows = mark.executeQuery()) {
				while (rows.next()) {
					touchedClients.add(rows.getString(1));
					touchedRows.add(rows.getLong(2));
				}
			}
		}
		if (!touchedRows.isEmpty()) {
			try (PreparedStatement delete = this.connection.prepareStatement("""
					DELETE FROM mqtt_session_delivery q USING unnest(?::text[], ?::bigint[]) AS t(c, id)
					WHERE q.client_id = t.c AND q.id = t.id
					AND NOT EXISTS (SELECT unnest(q.message_ids) EXCEPT SELECT unnest(q.removed))""")) {
				delete.setArray(1, this.connection.createArrayOf("text", touchedClients.toArray()));
				delete.setArray(2, this.connection.createArrayOf("bigint", touchedRows.toArray()));
				delete.executeUpdate();
			}
		}
		try (PreparedStatement delete = this.connection.prepareStatement("""
				DELETE FROM mqtt_session_inflight i USING unnest(?::text[], ?::bigint[]) AS t(c, m)
				WHERE i.client_id = t.c AND i.message_id = t.m""")) {
			delete.setArray(1, this.connection.createArrayOf("text", clients));
			delete.setArray(2, this.connection.createArrayOf("bigint", messageIds));
			delete.executeUpdate();
		}
		try (PreparedStatement count = this.connection.prepareStatement("""
				UPDATE mqtt_message m SET deliveries = m.deliveries - r.n
				FROM (SELECT m, count(*) AS n FROM unnest(?::bigint[]) AS t(m) GROUP BY m) r
				WHERE m.id = r.m RETURNING m.id, m.deliveries""")) {
			count.setArray(1, this.connection.createArrayOf("bigint", messageIds));
			collectUnreferenced(count);
		}
	}

	private void collectUnreferenced(PreparedStatement count) throws SQLException {
		try (ResultSet rows = count.executeQuery()) {
			while (rows.next()) {
				if (rows.getInt(2) <= 0) {
					this.unreferenced.add(rows.getLong(1));
				}
			}
		}
	}

	/**
	 * Writes new deliveries: their messages (once, counting the deliveries), one row per
	 * session, and the in-flight state of those already sent. A message queued again for
	 * a session that still holds it replaces the older delivery: the newest row wins when
	 * read, and its in-flight state is reset.
	 * @param queued the new deliveries
	 * @param messages the messages by id
	 * @throws SQLException when the database refuses
	 */
	void queue(Map<JournalBatch.Key, JournalBatch.QueuedRow> queued, Map<Long, Message> messages) throws SQLException {
		Map<Long, Integer> deliveries = new LinkedHashMap<>();
		Map<String, List<Map.Entry<JournalBatch.Key, JournalBatch.QueuedRow>>> bySession = new LinkedHashMap<>();
		for (Map.Entry<JournalBatch.Key, JournalBatch.QueuedRow> entry : queued.entrySet()) {
			deliveries.merge((Long) entry.getKey().id(), 1, Integer::sum);
			bySession.computeIfAbsent(entry.getKey().clientId(), (clientId) -> new ArrayList<>()).add(entry);
		}
		insertMessages(deliveries, messages);
		deleteInflight(queued.keySet());
		insertDeliveries(bySession);
	}

	/**
	 * Inserts the messages with one statement over arrays; a message stored by an earlier
	 * batch gets the new deliveries added to its count.
	 */
	private void insertMessages(Map<Long, Integer> deliveries, Map<Long, Message> messages) throws SQLException {
		int size = deliveries.size();
		Long[] messageIds = new Long[size];
		String[] topics = new String[size];
		byte[][] payloads = new byte[size][];
		Integer[] qos = new Integer[size];
		Boolean[] retain = new Boolean[size];
		byte[][] properties = new byte[size][];
		String[] publishers = new String[size];
		Long[] receivedAt = new Long[size];
		Integer[] counts = new Integer[size];
		int i = 0;
		for (Map.Entry<Long, Integer> entry : deliveries.entrySet()) {
			Message message = messages.get(entry.getKey());
			messageIds[i] = entry.getKey();
			topics[i] = message.topic();
			payloads[i] = message.payload();
			qos[i] = message.qos();
			retain[i] = message.retain();
			properties[i] = MessagePropertiesCodec.encode(message.properties());
			publishers[i] = message.publisherId();
			receivedAt[i] = message.timestamp();
			counts[i++] = entry.getValue();
		}
		try (PreparedStatement insert = this.connection.prepareStatement("""
				INSERT INTO mqtt_message (id, topic, payload, qos, retain, properties, publisher_id, received_at,
				deliveries)
				SELECT * FROM unnest(?::bigint[], ?::text[], ?::bytea[], ?::smallint[], ?::boolean[], ?::bytea[],
				?::text[], ?::bigint[], ?::integer[])
				ON CONFLICT (id) DO UPDATE SET deliveries = mqtt_message.deliveries + excluded.deliveries""")) {
			insert.setArray(1, this.connection.createArrayOf("bigint", messageIds));
			insert.setArray(2, this.connection.createArrayOf("text", topics));
			insert.setArray(3, this.connection.createArrayOf("bytea", payloads));
			insert.setArray(4, this.connection.createArrayOf("smallint", qos));
			insert.setArray(5, this.connection.createArrayOf("boolean", retain));
			insert.setArray(6, this.connection.createArrayOf("bytea", properties));
			insert.setArray(7, this.connection.createArrayOf("text", publishers));
			insert.setArray(8, this.connection.createArrayOf("bigint", receivedAt));
			insert.setArray(9, this.connection.createArrayOf("integer", counts));
			insert.executeUpdate();
		}
	}

	/** Resets the in-flight state of deliveries queued again (usually none is). */
	private void deleteInflight(Collection<JournalBatch.Key> keys) throws SQLException {
		String[] clients = new String[keys.size()];
		Long[] messageIds = new Long[keys.size()];
		int i = 0;
		for (JournalBatch.Key key : keys) {
			clients[i] = key.clientId();
			messageIds[i++] = (Long) key.id();
		}
		try (PreparedStatement delete = this.connection.prepareStatement("""
				DELETE FROM mqtt_session_inflight i
				WHERE EXISTS (SELECT 1 FROM mqtt_session_inflight LIMIT 1)
				AND (i.client_id, i.message_id) IN (SELECT * FROM unnest(?::text[], ?::bigint[]))""")) {
			delete.setArray(1, this.connection.createArrayOf("text", clients));
			delete.setArray(2, this.connection.createArrayOf("bigint", messageIds));
			delete.executeUpdate();
		}
	}

	/**
	 * One row per session and up to {@value #ROW_LIMIT} deliveries, in message id order:
	 * the hot path.
	 */
	private void insertDeliveries(Map<String, List<Map.Entry<JournalBatch.Key, JournalBatch.QueuedRow>>> bySession)
			throws SQLException {
		Map<JournalBatch.Key, JournalBatch.Update> inflight = new LinkedHashMap<>();
		try (PreparedStatement insert = this.connection.prepareStatement("""
				INSERT INTO mqtt_session_delivery
				(client_id, first_message_id, last_message_id, message_ids, qos, retain, subscription_ids)
				VALUES (?, ?, ?, ?::bigint[], ?::smallint[], ?::boolean[], ?::text[])""")) {
			for (Map.Entry<String, List<Map.Entry<JournalBatch.Key, JournalBatch.QueuedRow>>> session : bySession
				.entrySet()) {
				List<Map.Entry<JournalBatch.Key, JournalBatch.QueuedRow>> deliveries = session.getValue();
				deliveries.sort(Comparator.comparingLong((entry) -> (Long) entry.getKey().id()));
				for (int from = 0; from < deliveries.size(); from += ROW_LIMIT) {
					List<Map.Entry<JournalBatch.Key, JournalBatch.QueuedRow>> row = deliveries.subList(from,
							Math.min(from + ROW_LIMIT, deliveries.size()));
					addRow(insert, session.getKey(), row, inflight);
				}
			}
			insert.executeBatch();
		}
		update(inflight);
	}

	private void addRow(PreparedStatement insert, String clientId,
			List<Map.Entry<JournalBatch.Key, JournalBatch.QueuedRow>> deliveries,
			Map<JournalBatch.Key, JournalBatch.Update> inflight) throws SQLException {
		int size = deliveries.size();
		Long[] messageIds = new Long[size];
		Short[] qos = new Short[size];
		Boolean[] retain = new Boolean[size];
		String[] subscriptionIds = new String[size];
		boolean anySubscriptionId = false;
		for (int i = 0; i < size; i++) {
			JournalBatch.QueuedRow delivery = deliveries.get(i).getValue();
			messageIds[i] = (Long) deliveries.get(i).getKey().id();
			qos[i] = (short) delivery.qos;
			retain[i] = delivery.retain;
			if (delivery.subscriptionIds.isEmpty()) {
				subscriptionIds[i] = "";
			}
			else {
				subscriptionIds[i] = delivery.subscriptionIds.stream()
					.map(String::valueOf)
					.collect(Collectors.joining(","));
				anySubscriptionId = true;
			}
			if (delivery.packetId > 0 || delivery.released) {
				inflight.put(deliveries.get(i).getKey(), delivery);
			}
		}
		insert.setString(1, clientId);
		insert.setLong(2, messageIds[0]);
		insert.setLong(3, messageIds[size - 1]);
		insert.setArray(4, this.connection.createArrayOf("bigint", messageIds));
		insert.setArray(5, this.connection.createArrayOf("smallint", qos));
		insert.setArray(6, this.connection.createArrayOf("boolean", retain));
		if (anySubscriptionId) {
			insert.setArray(7, this.connection.createArrayOf("text", subscriptionIds));
		}
		else {
			insert.setNull(7, Types.ARRAY);
		}
		insert.addBatch();
	}

	/**
	 * Writes the in-flight state of deliveries: the packet identifier they were sent
	 * with, and whether PUBREC came (QoS 2).
	 * @param updates the changes by delivery
	 * @throws SQLException when the database refuses
	 */
	void update(Map<JournalBatch.Key, ? extends JournalBatch.Update> updates) throws SQLException {
		if (updates.isEmpty()) {
			return;
		}
		int size = updates.size();
		String[] clients = new String[size];
		Long[] messageIds = new Long[size];
		Integer[] packetIds = new Integer[size];
		Boolean[] released = new Boolean[size];
		int i = 0;
		for (Map.Entry<JournalBatch.Key, ? extends JournalBatch.Update> entry : updates.entrySet()) {
			clients[i] = entry.getKey().clientId();
			messageIds[i] = (Long) entry.getKey().id();
			packetIds[i] = (entry.getValue().packetId > 0) ? entry.getValue().packetId : null;
			released[i++] = entry.getValue().released;
		}
		try (PreparedStatement upsert = this.connection.prepareStatement(
				"""
						INSERT INTO mqtt_session_inflight AS i (client_id, message_id, packet_id, released)
						SELECT * FROM unnest(?::text[], ?::bigint[], ?::integer[], ?::boolean[])
						ON CONFLICT (client_id, message_id) DO UPDATE
						SET packet_id = coalesce(excluded.packet_id, i.packet_id), released = i.released OR excluded.released""")) {
			upsert.setArray(1, this.connection.createArrayOf("text", clients));
			upsert.setArray(2, this.connection.createArrayOf("bigint", messageIds));
			upsert.setArray(3, this.connection.createArrayOf("integer", packetIds));
			upsert.setArray(4, this.connection.createArrayOf("boolean", released));
			upsert.executeUpdate();
		}
	}

	/**
	 * Deletes the messages whose delivery count reached zero in this batch, unless a
	 * delivery row still holds them (the count is kept exact at start; this check makes a
	 * count too low harmless).
	 * @throws SQLException when the database refuses
	 */
	void deleteUnreferenced() throws SQLException {
		if (this.unreferenced.isEmpty()) {
			return;
		}
		try (PreparedStatement delete = this.connection.prepareStatement(UNREFERENCED)) {
			delete.setArray(1, this.connection.createArrayOf("bigint", this.unreferenced.toArray()));
			delete.executeUpdate();
		}
	}

	/**
	 * The condition that no delivery row holds message {@code m}: the range index finds
	 * the rows that may.
	 */
	static final String NOT_HELD = """
			NOT EXISTS (SELECT 1 FROM mqtt_session_delivery q
				WHERE int8range(q.first_message_id, q.last_message_id, '[]') @> m.id
				AND m.id = ANY (q.message_ids) AND NOT m.id = ANY (q.removed))""";

	/**
	 * Deletes the messages among the ids ({@code ?}) whose delivery count is zero and
	 * that no delivery row holds.
	 */
	private static final String UNREFERENCED = "DELETE FROM mqtt_message m WHERE m.id = ANY (?::bigint[]) "
			+ "AND m.deliveries <= 0 AND " + NOT_HELD;

}
