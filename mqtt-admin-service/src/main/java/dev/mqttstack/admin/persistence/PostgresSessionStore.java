package dev.mqttstack.admin.persistence;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.store.SessionState;
import dev.mqttstack.broker.store.SessionStore;

/**
 * {@link SessionStore} on PostgreSQL: every change of a persistent session goes through
 * the {@link StoreJournal}, so a QoS 1/2 message the broker acknowledged is committed;
 * sessions are read back once, at broker start.
 */
public class PostgresSessionStore implements SessionStore {

	private static final Logger logger = LoggerFactory.getLogger(PostgresSessionStore.class);

	private final JdbcTemplate jdbc;

	private final StoreJournal journal;

	public PostgresSessionStore(JdbcTemplate jdbc, StoreJournal journal) {
		this.jdbc = jdbc;
		this.journal = journal;
	}

	@Override
	public Collection<SessionState> loadAll() {
		purgeOrphans();
		Map<String, Loaded> sessions = new LinkedHashMap<>();
		this.jdbc.query("SELECT client_id, expiry_interval, disconnected_at, owner, owner_recorded FROM mqtt_session "
				+ "ORDER BY client_id", (RowCallbackHandler) (rs) -> {
					Timestamp disconnectedAt = rs.getTimestamp("disconnected_at");
					SessionState.Owner owner = rs.getBoolean("owner_recorded")
							? SessionState.Owner.of(rs.getString("owner")) : null;
					sessions.put(rs.getString("client_id"), new Loaded(rs.getLong("expiry_interval"),
							(disconnectedAt != null) ? disconnectedAt.getTime() : 0, owner));
				});
		this.jdbc.query("SELECT client_id, topic_filter, qos, no_local, retain_as_published, subscription_id "
				+ "FROM mqtt_session_subscription", (RowCallbackHandler) (rs) -> {
					Loaded session = sessions.get(rs.getString("client_id"));
					session.subscriptions.add(new SessionState.StoredSubscription(rs.getString("topic_filter"),
							rs.getInt("qos"), rs.getBoolean("no_local"), rs.getBoolean("retain_as_published"),
							rs.getInt("subscription_id")));
				});
		this.jdbc.query("""
				SELECT s.client_id, s.message_id, s.qos AS delivery_qos, s.retain AS delivery_retain,
				s.subscription_ids, s.packet_id, s.released, m.topic, m.payload, m.qos, m.retain, m.properties,
				m.publisher_id, m.received_at
				FROM mqtt_session_message s JOIN mqtt_message m ON m.id = s.message_id
				ORDER BY s.client_id, s.message_id""", (RowCallbackHandler) (rs) -> {
			Loaded session = sessions.get(rs.getString("client_id"));
			Message message = new Message(rs.getString("topic"), rs.getBytes("payload"), rs.getInt("qos"),
					rs.getBoolean("retain"), MessagePropertiesCodec.decode(rs.getBytes("properties")),
					rs.getString("publisher_id"), rs.getLong("received_at"));
			long messageId = rs.getLong("message_id");
			int qos = rs.getInt("delivery_qos");
			boolean retain = rs.getBoolean("delivery_retain");
			List<Integer> ids = integers(rs.getArray("subscription_ids"));
			int packetId = rs.getInt("packet_id");
			if (rs.wasNull()) {
				session.queued.add(new SessionState.QueuedMessage(messageId, message, qos, retain, ids));
			}
			else {
				session.inflight.add(new SessionState.InflightMessage(messageId, packetId, message, qos, retain, ids,
						rs.getBoolean("released")));
			}
		});
		this.jdbc.query("SELECT client_id, packet_id FROM mqtt_session_inbound_qos2",
				(RowCallbackHandler) (rs) -> sessions.get(rs.getString("client_id")).inbound
					.add(rs.getInt("packet_id")));
		List<SessionState> states = new ArrayList<>(sessions.size());
		sessions.forEach((clientId, loaded) -> states
			.add(new SessionState(clientId, loaded.expiryInterval, loaded.disconnectedAt, loaded.subscriptions,
					loaded.inflight, loaded.queued, loaded.inbound, loaded.owner)));
		logger.info("Loaded {} persistent sessions with {} messages from PostgreSQL", states.size(),
				states.stream().mapToInt((state) -> state.queued().size() + state.inflight().size()).sum());
		return states;
	}

	/**
	 * Deletes rows of sessions that were removed while their changes were in flight, sets
	 * the delivery count of every message to the deliveries that hold it, and deletes the
	 * messages none holds.
	 */
	private void purgeOrphans() {
		for (String table : List.of("mqtt_session_subscription", "mqtt_session_delivery", "mqtt_session_inflight",
				"mqtt_session_inbound_qos2")) {
			this.jdbc.update("DELETE FROM " + table
					+ " t WHERE NOT EXISTS (SELECT 1 FROM mqtt_session s WHERE s.client_id = t.client_id)");
		}
		this.jdbc.update("""
				UPDATE mqtt_message m SET deliveries = coalesce(c.n, 0)
				FROM mqtt_message m2 LEFT JOIN (SELECT message_id, count(*) AS n FROM mqtt_session_message
				GROUP BY message_id) c ON c.message_id = m2.id
				WHERE m.id = m2.id AND m.deliveries IS DISTINCT FROM coalesce(c.n, 0)""");
		this.jdbc.update("DELETE FROM mqtt_message WHERE deliveries <= 0");
	}

	private static List<Integer> integers(Array array) throws SQLException {
		if (array == null) {
			return List.of();
		}
		Object[] values = (Object[]) array.getArray();
		return Arrays.stream(values).map((value) -> ((Number) value).intValue()).toList();
	}

	@Override
	public long lastMessageId() {
		Long last = this.jdbc.queryForObject("SELECT coalesce(max(id), 0) FROM mqtt_message", Long.class);
		return (last != null) ? last : 0;
	}

	@Override
	public void save(SessionState state) {
		this.journal.append(new JournalOp.SessionSaved(state), false);
	}

	@Override
	public void remove(String clientId) {
		this.journal.append(new JournalOp.SessionRemoved(clientId), false);
	}

	@Override
	public void sessionConnected(String clientId, long expiryIntervalSeconds) {
		this.journal.append(new JournalOp.SessionConnected(clientId, expiryIntervalSeconds), false);
	}

	@Override
	public void sessionConnected(String clientId, SessionState.Owner owner, long expiryIntervalSeconds) {
		this.journal.append(new JournalOp.SessionConnected(clientId, expiryIntervalSeconds, owner), false);
	}

	@Override
	public void subscriptionAdded(String clientId, SessionState.StoredSubscription subscription) {
		this.journal.append(new JournalOp.SubscriptionAdded(clientId, subscription), false);
	}

	@Override
	public void subscriptionRemoved(String clientId, String topicFilter) {
		this.journal.append(new JournalOp.SubscriptionRemoved(clientId, topicFilter), false);
	}

	@Override
	public void messageQueued(String clientId, long messageId, Message message, int qos, boolean retain,
			List<Integer> subscriptionIds) {
		this.journal.append(
				new JournalOp.MessageQueued(clientId, messageId, message, qos, retain, List.copyOf(subscriptionIds)),
				true);
	}

	@Override
	public void messageSent(String clientId, long messageId, int packetId) {
		this.journal.append(new JournalOp.MessageSent(clientId, messageId, packetId), true);
	}

	@Override
	public void messageReleased(String clientId, long messageId) {
		this.journal.append(new JournalOp.MessageReleased(clientId, messageId), true);
	}

	@Override
	public void messageRemoved(String clientId, long messageId) {
		this.journal.append(new JournalOp.MessageRemoved(clientId, messageId), false);
	}

	@Override
	public void inboundQos2Received(String clientId, int packetId) {
		this.journal.append(new JournalOp.InboundQos2(clientId, packetId, true), true);
	}

	@Override
	public void inboundQos2Released(String clientId, int packetId) {
		this.journal.append(new JournalOp.InboundQos2(clientId, packetId, false), true);
	}

	@Override
	public CompletionStage<Void> flush() {
		return this.journal.flush();
	}

	@Override
	public boolean isUnderPressure() {
		return this.journal.isUnderPressure();
	}

	private static final class Loaded {

		final long expiryInterval;

		final long disconnectedAt;

		final List<SessionState.StoredSubscription> subscriptions = new ArrayList<>();

		final List<SessionState.InflightMessage> inflight = new ArrayList<>();

		final List<SessionState.QueuedMessage> queued = new ArrayList<>();

		final Set<Integer> inbound = new HashSet<>();

		final SessionState.Owner owner;

		Loaded(long expiryInterval, long disconnectedAt, SessionState.Owner owner) {
			this.expiryInterval = expiryInterval;
			this.disconnectedAt = disconnectedAt;
			this.owner = owner;
		}

	}

}
