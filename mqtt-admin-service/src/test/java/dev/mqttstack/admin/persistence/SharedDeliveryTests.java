package dev.mqttstack.admin.persistence;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.message.MessageProperties;
import dev.mqttstack.broker.store.SessionState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message queued for many sessions is stored once and its deliveries as one row per
 * session and transaction: what one session acknowledges or loses with its removal is
 * gone for that session only, a message goes when its last delivery goes, and what a
 * store opened afresh on the same database (a restart) loads is exactly what is left.
 */
class SharedDeliveryTests {

	private final HikariDataSource dataSource = TestDatabases.dataSource(TestDatabases.create());

	private final JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);

	private StoreJournal journal = new StoreJournal(this.dataSource, 2000, 10_000, Duration.ofHours(1));

	private PostgresSessionStore store = new PostgresSessionStore(this.jdbc, this.journal);

	@AfterEach
	void close() {
		this.journal.close();
		this.dataSource.close();
	}

	@Test
	void aMessageSharedByTenSessionsStaysForTheSevenThatDidNotAcknowledgeItAfterARestart() throws Exception {
		List<String> clients = IntStream.range(0, 10).mapToObj((i) -> "shared-" + i).toList();
		JournalBatch batch = new JournalBatch();
		for (String clientId : clients) {
			batch.add(new JournalOp.SessionConnected(clientId, -1));
		}
		for (long id = 1; id <= 3; id++) {
			for (String clientId : clients) {
				batch.add(new JournalOp.MessageQueued(clientId, id, message("m" + id), 1, false, List.of()));
			}
		}
		write(batch);
		assertThat(count("mqtt_message")).isEqualTo(3);
		assertThat(count("mqtt_session_delivery")).as("one row per session for the whole batch").isEqualTo(10);

		for (String clientId : clients.subList(0, 3)) {
			this.store.messageSent(clientId, 2, 5);
			this.store.messageRemoved(clientId, 2);
		}
		awaitFlush();
		restart();

		Map<String, List<Long>> loaded = this.store.loadAll()
			.stream()
			.collect(Collectors.toMap(SessionState::clientId,
					(state) -> state.queued().stream().map(SessionState.QueuedMessage::messageId).toList()));
		assertThat(loaded).hasSize(10);
		clients.subList(0, 3).forEach((clientId) -> assertThat(loaded.get(clientId)).containsExactly(1L, 3L));
		clients.subList(3, 10).forEach((clientId) -> assertThat(loaded.get(clientId)).containsExactly(1L, 2L, 3L));
		assertThat(this.jdbc.queryForList("SELECT deliveries FROM mqtt_message ORDER BY id", Integer.class))
			.containsExactly(10, 7, 10);

		for (String clientId : clients.subList(3, 10)) {
			this.store.messageRemoved(clientId, 2);
		}
		awaitFlush();
		assertThat(this.jdbc.queryForList("SELECT id FROM mqtt_message ORDER BY id", Long.class))
			.as("a message goes with its last delivery")
			.containsExactly(1L, 3L);
	}

	@Test
	void removingOneSessionKeepsTheMessagesItSharedWithTheOthers() throws Exception {
		for (String clientId : List.of("a", "b", "c")) {
			this.store.sessionConnected(clientId, -1);
			this.store.messageQueued(clientId, 1, message("one"), 1, false, List.of(4));
			this.store.messageQueued(clientId, 2, message("two"), 1, false, List.of());
		}
		awaitFlush();
		this.store.messageSent("b", 1, 9);
		this.store.remove("b");
		awaitFlush();
		restart();

		assertThat(this.store.loadAll()).extracting(SessionState::clientId).containsExactly("a", "c");
		assertThat(this.store.loadAll()).allSatisfy((state) -> {
			assertThat(state.queued()).extracting(SessionState.QueuedMessage::messageId).containsExactly(1L, 2L);
			assertThat(state.queued().get(0).subscriptionIds()).containsExactly(4);
			assertThat(new String(state.queued().get(1).message().payload(), StandardCharsets.UTF_8)).isEqualTo("two");
		});
		assertThat(this.jdbc.queryForList("SELECT deliveries FROM mqtt_message ORDER BY id", Integer.class))
			.containsExactly(2, 2);
		assertThat(count("mqtt_session_inflight")).isZero();

		for (String clientId : List.of("a", "c")) {
			this.store.remove(clientId);
		}
		awaitFlush();
		assertThat(count("mqtt_message")).isZero();
		assertThat(count("mqtt_session_delivery")).isZero();
	}

	@Test
	void aRowWhoseMessagesAreAllAcknowledgedIsDeletedAndThePartlyAcknowledgedOneKept() throws Exception {
		JournalBatch first = new JournalBatch();
		first.add(new JournalOp.SessionConnected("reader", -1));
		for (long id = 1; id <= 4; id++) {
			first.add(new JournalOp.MessageQueued("reader", id, message("m" + id), 1, false, List.of()));
		}
		JournalBatch second = new JournalBatch();
		for (long id = 5; id <= 6; id++) {
			second.add(new JournalOp.MessageQueued("reader", id, message("m" + id), 1, false, List.of()));
		}
		JournalBatch acknowledged = new JournalBatch();
		for (long id = 1; id <= 5; id++) {
			acknowledged.add(new JournalOp.MessageSent("reader", id, (int) id));
			acknowledged.add(new JournalOp.MessageRemoved("reader", id));
		}
		write(first, second);
		assertThat(
				this.jdbc.queryForList("SELECT message_ids::text FROM mqtt_session_delivery ORDER BY id", String.class))
			.containsExactly("{1,2,3,4}", "{5,6}");
		write(acknowledged);

		assertThat(this.jdbc.queryForList("SELECT message_ids::text || ' ' || removed::text FROM mqtt_session_delivery",
				String.class))
			.containsExactly("{5,6} {5}");
		assertThat(this.jdbc.queryForList("SELECT id FROM mqtt_message", Long.class)).containsExactly(6L);
		assertThat(count("mqtt_session_inflight")).isZero();
		restart();
		assertThat(this.store.loadAll()).singleElement()
			.satisfies((state) -> assertThat(state.queued()).extracting(SessionState.QueuedMessage::messageId)
				.containsExactly(6L));
	}

	@Test
	void aSessionWithMoreThanARowLimitOfMessagesInOneTransactionGetsSeveralRows() throws Exception {
		JournalBatch batch = new JournalBatch();
		batch.add(new JournalOp.SessionConnected("many", -1));
		int count = DeliveryWriter.ROW_LIMIT * 2 + 1;
		for (long id = 1; id <= count; id++) {
			batch.add(new JournalOp.MessageQueued("many", id, message("m" + id), 1, false, List.of()));
		}
		write(batch);

		assertThat(this.jdbc.queryForList("SELECT cardinality(message_ids) FROM mqtt_session_delivery ORDER BY id",
				Integer.class))
			.containsExactly(DeliveryWriter.ROW_LIMIT, DeliveryWriter.ROW_LIMIT, 1);
		assertThat(this.store.loadAll()).singleElement()
			.satisfies((state) -> assertThat(state.queued()).hasSize(count));
	}

	@Test
	void aMessageLeftHeldByASessionIsNotDeletedWhenItsCountIsTooLow() throws Exception {
		this.store.sessionConnected("holder", -1);
		this.store.messageQueued("holder", 1, message("held"), 1, false, List.of());
		awaitFlush();
		this.jdbc.update("UPDATE mqtt_message SET deliveries = 1");
		this.store.sessionConnected("other", -1);
		this.store.messageRemoved("other", 1);
		awaitFlush();

		assertThat(count("mqtt_message")).isOne();
		restart();
		assertThat(this.store.loadAll()).filteredOn((state) -> state.clientId().equals("holder"))
			.singleElement()
			.satisfies((state) -> assertThat(state.queued()).hasSize(1));
		assertThat(this.jdbc.queryForObject("SELECT deliveries FROM mqtt_message", Integer.class))
			.as("counted again at start")
			.isOne();
	}

	private void write(JournalBatch... batches) throws Exception {
		for (JournalBatch batch : batches) {
			try (Connection connection = this.dataSource.getConnection()) {
				connection.setAutoCommit(false);
				batch.write(connection);
				connection.commit();
			}
		}
	}

	/** A store and journal opened afresh on the same database, as after a restart. */
	private void restart() {
		this.journal.close();
		this.journal = new StoreJournal(this.dataSource, 2000, 10_000, Duration.ofHours(1));
		this.store = new PostgresSessionStore(this.jdbc, this.journal);
	}

	private int count(String table) {
		Integer count = this.jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class);
		return (count != null) ? count : 0;
	}

	/** Waits until everything appended so far is committed, removals included. */
	private void awaitFlush() throws Exception {
		CompletableFuture<Void> durable = new CompletableFuture<>();
		this.journal.append(new JournalOp.Barrier(durable), false);
		durable.get(20, TimeUnit.SECONDS);
	}

	private static Message message(String text) {
		return new Message("shared/t", text.getBytes(StandardCharsets.UTF_8), 1, false, MessageProperties.EMPTY, "pub",
				1000);
	}

}
