package dev.mqttstack.admin.persistence;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.message.MessageProperties;
import dev.mqttstack.broker.store.SessionState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the broker journals comes back from PostgreSQL as it was: subscriptions with their
 * MQTT 5 options, queued messages in order with their properties, in-flight ones with
 * their packet identifiers and PUBREC state, inbound QoS 2 packet identifiers; a message
 * queued and acknowledged within one batch, and a removed session, leave nothing behind.
 */
class PostgresSessionStoreTests {

	private final HikariDataSource dataSource = TestDatabases.dataSource(TestDatabases.create());

	private final JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);

	private final StoreJournal journal = new StoreJournal(this.dataSource, 100, 10_000, Duration.ofHours(1));

	private final PostgresSessionStore store = new PostgresSessionStore(this.jdbc, this.journal);

	@AfterEach
	void close() {
		this.journal.close();
		this.dataSource.close();
	}

	@Test
	void journaledSessionIsLoadedBackAsItWas() throws Exception {
		MessageProperties properties = new MessageProperties(1, 3600L, "text/plain", "replies/1",
				"corr".getBytes(StandardCharsets.UTF_8), List.of(new MessageProperties.UserProperty("k", "v")));
		Message first = new Message("a/1", bytes("first"), 2, false, properties, "pub", 1000);
		Message second = new Message("a/2", bytes("second"), 1, true, MessageProperties.EMPTY, null, 2000);
		Message third = new Message("a/3", bytes("third"), 1, false, MessageProperties.EMPTY, "pub", 3000);
		this.store.sessionConnected("device", 600);
		this.store.subscriptionAdded("device", new SessionState.StoredSubscription("a/#", 2, true, true, 7));
		this.store.subscriptionAdded("device", new SessionState.StoredSubscription("gone/#", 1, false, false, 0));
		this.store.subscriptionRemoved("device", "gone/#");
		this.store.messageQueued("device", 10, first, 2, false, List.of(7));
		this.store.messageSent("device", 10, 42);
		awaitFlush();
		this.store.messageReleased("device", 10);
		this.store.messageQueued("device", 11, second, 1, true, List.of());
		this.store.messageQueued("device", 12, third, 1, false, List.of());
		this.store.messageSent("device", 12, 43);
		this.store.messageRemoved("device", 12);
		this.store.inboundQos2Received("device", 5);
		this.store.inboundQos2Received("device", 6);
		this.store.inboundQos2Released("device", 6);
		awaitFlush();

		assertThat(this.store.loadAll()).singleElement().satisfies((state) -> {
			assertThat(state.clientId()).isEqualTo("device");
			assertThat(state.expiryIntervalSeconds()).isEqualTo(600);
			assertThat(state.subscriptions())
				.containsExactly(new SessionState.StoredSubscription("a/#", 2, true, true, 7));
			assertThat(state.inflight()).singleElement().satisfies((inflight) -> {
				assertThat(inflight.messageId()).isEqualTo(10);
				assertThat(inflight.packetId()).isEqualTo(42);
				assertThat(inflight.released()).isTrue();
				assertThat(inflight.subscriptionIds()).containsExactly(7);
				assertThat(inflight.message().properties()).usingRecursiveComparison().isEqualTo(properties);
				assertThat(inflight.message().publisherId()).isEqualTo("pub");
				assertThat(inflight.message().timestamp()).isEqualTo(1000);
			});
			assertThat(state.queued()).singleElement().satisfies((queued) -> {
				assertThat(queued.messageId()).isEqualTo(11);
				assertThat(queued.retain()).isTrue();
				assertThat(new String(queued.message().payload(), StandardCharsets.UTF_8)).isEqualTo("second");
			});
			assertThat(state.inboundQos2PacketIds()).containsExactly(5);
		});
		assertThat(this.store.lastMessageId()).isGreaterThanOrEqualTo(11);
	}

	@Test
	void messageQueuedAndAcknowledgedWithinOneBatchIsNeverWritten() throws Exception {
		Message message = new Message("t", bytes("x"), 1, false, MessageProperties.EMPTY, null, 1);
		JournalBatch batch = new JournalBatch();
		batch.add(new JournalOp.SessionConnected("device", -1));
		batch.add(new JournalOp.MessageQueued("device", 20, message, 1, false, List.of()));
		batch.add(new JournalOp.MessageSent("device", 20, 1));
		batch.add(new JournalOp.MessageRemoved("device", 20));
		batch.add(new JournalOp.MessageQueued("device", 21, message, 1, false, List.of()));
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			batch.write(connection);
			connection.commit();
		}
		assertThat(this.jdbc.queryForList("SELECT id FROM mqtt_message", Long.class)).containsExactly(21L);
		assertThat(this.jdbc.queryForList("SELECT message_id FROM mqtt_session_message", Long.class))
			.containsExactly(21L);
	}

	@Test
	void removedSessionLeavesNothingAndFanOutStoresAMessageOnce() throws Exception {
		Message message = new Message("t", bytes("x"), 1, false, MessageProperties.EMPTY, null, 1);
		for (String clientId : List.of("one", "two", "three")) {
			this.store.sessionConnected(clientId, -1);
			this.store.messageQueued(clientId, 1, message, 1, false, List.of());
		}
		awaitFlush();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM mqtt_message", Integer.class)).isOne();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM mqtt_session_message", Integer.class)).isEqualTo(3);

		this.store.remove("two");
		this.store.subscriptionAdded("one", new SessionState.StoredSubscription("t", 1, false, false, 0));
		awaitFlush();
		assertThat(this.store.loadAll()).extracting(SessionState::clientId).containsExactly("one", "three");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM mqtt_session_message WHERE client_id = 'two'",
				Integer.class))
			.isZero();
	}

	@Test
	void messageHandedBackToTheSameSessionWithinOneBatchStays() throws Exception {
		Message message = new Message("t", bytes("x"), 1, false, MessageProperties.EMPTY, null, 1);
		JournalBatch first = new JournalBatch();
		first.add(new JournalOp.SessionConnected("member", -1));
		first.add(new JournalOp.MessageQueued("member", 30, message, 1, false, List.of()));
		JournalBatch second = new JournalBatch();
		second.add(new JournalOp.MessageRemoved("member", 30));
		second.add(new JournalOp.MessageQueued("member", 30, message, 1, false, List.of(3)));
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			first.write(connection);
			connection.commit();
			second.write(connection);
			connection.commit();
		}
		assertThat(this.store.loadAll()).singleElement()
			.satisfies((state) -> assertThat(state.queued()).singleElement()
				.satisfies((queued) -> assertThat(queued.subscriptionIds()).containsExactly(3)));
	}

	@Test
	void operationPostgresqlRefusesIsDroppedAloneAndTheRestIsWritten() throws Exception {
		Message message = new Message("t", bytes("x"), 1, false, MessageProperties.EMPTY, null, 1);
		this.store.sessionConnected("good", -1);
		this.store.sessionConnected("bad\u0000client", -1);
		this.store.messageQueued("bad\u0000client", 40, message, 1, false, List.of());
		this.store.messageQueued("good", 40, message, 1, false, List.of());
		awaitFlush();
		assertThat(this.store.loadAll()).singleElement().satisfies((state) -> {
			assertThat(state.clientId()).isEqualTo("good");
			assertThat(state.queued()).extracting(SessionState.QueuedMessage::messageId).containsExactly(40L);
		});
		assertThat(this.journal.isAvailable()).isTrue();
	}

	/** Journals an awaited change and waits for it, so everything before is committed. */
	private void awaitFlush() throws Exception {
		this.store.inboundQos2Received("flush-marker", 1);
		this.store.flush().toCompletableFuture().get(10, TimeUnit.SECONDS);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
