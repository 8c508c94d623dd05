package dev.mqttstack.admin.persistence;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.mqttstack.broker.message.MessageProperties;
import dev.mqttstack.broker.store.SessionState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database of the V5 schema, with a row per message and session in
 * {@code mqtt_session_message}, keeps its queued and in-flight messages through the V6
 * migration: they load as they were, and acknowledging them afterwards works on the new
 * tables.
 */
class SharedDeliveryUpgradeTests {

	private final String url = TestDatabases.createEmpty();

	private final HikariDataSource dataSource = TestDatabases.dataSource(this.url);

	private final JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);

	@AfterEach
	void close() {
		this.dataSource.close();
	}

	@Test
	void queuedAndInflightMessagesOfAVersion5DatabaseLoadAsTheyWereAfterTheMigration() throws Exception {
		TestDatabases.migrate(this.url, "5");
		MessageProperties properties = new MessageProperties(1, 3600L, "text/plain", "replies/1",
				"corr".getBytes(StandardCharsets.UTF_8), List.of(new MessageProperties.UserProperty("k", "v")));
		for (String clientId : List.of("up-a", "up-b")) {
			this.jdbc.update("INSERT INTO mqtt_session (client_id, expiry_interval, disconnected_at, owner, "
					+ "owner_recorded) VALUES (?, -1, now(), 'alice', true)", clientId);
		}
		this.jdbc.update("INSERT INTO mqtt_message VALUES (1, 'up/1', 'one'::bytea, 1, false, ?, 'pub', 1000)",
				(Object) MessagePropertiesCodec.encode(properties));
		this.jdbc.update("INSERT INTO mqtt_message VALUES (2, 'up/2', 'two'::bytea, 2, false, null, null, 2000)");
		this.jdbc.update("INSERT INTO mqtt_message VALUES (3, 'up/3', 'three'::bytea, 1, true, null, null, 3000)");
		this.jdbc.update("INSERT INTO mqtt_session_message VALUES ('up-a', 1, 1, true, '{3,4}', null, false)");
		this.jdbc.update("INSERT INTO mqtt_session_message VALUES ('up-a', 2, 2, false, '{}', 7, true)");
		this.jdbc.update("INSERT INTO mqtt_session_message VALUES ('up-b', 1, 0, false, '{}', null, false)");
		this.jdbc.update("INSERT INTO mqtt_session_message VALUES ('up-b', 3, 1, true, '{}', 8, false)");

		TestDatabases.migrate(this.url, null);

		try (StoreJournal journal = new StoreJournal(this.dataSource, 100, 1000, Duration.ofHours(1))) {
			PostgresSessionStore store = new PostgresSessionStore(this.jdbc, journal);
			Map<String, SessionState> sessions = store.loadAll()
				.stream()
				.collect(Collectors.toMap(SessionState::clientId, Function.identity()));
			assertThat(sessions).containsOnlyKeys("up-a", "up-b");
			SessionState a = sessions.get("up-a");
			assertThat(a.owner()).isEqualTo(SessionState.Owner.of("alice"));
			assertThat(a.queued()).singleElement().satisfies((queued) -> {
				assertThat(queued.messageId()).isEqualTo(1);
				assertThat(queued.qos()).isEqualTo(1);
				assertThat(queued.retain()).isTrue();
				assertThat(queued.subscriptionIds()).containsExactly(3, 4);
				assertThat(queued.message().properties()).usingRecursiveComparison().isEqualTo(properties);
				assertThat(queued.message().publisherId()).isEqualTo("pub");
			});
			assertThat(a.inflight()).singleElement().satisfies((inflight) -> {
				assertThat(inflight.messageId()).isEqualTo(2);
				assertThat(inflight.packetId()).isEqualTo(7);
				assertThat(inflight.released()).isTrue();
				assertThat(inflight.qos()).isEqualTo(2);
				assertThat(new String(inflight.message().payload(), StandardCharsets.UTF_8)).isEqualTo("two");
			});
			SessionState b = sessions.get("up-b");
			assertThat(b.queued()).singleElement().satisfies((queued) -> {
				assertThat(queued.messageId()).isEqualTo(1);
				assertThat(queued.qos()).isZero();
				assertThat(queued.subscriptionIds()).isEmpty();
			});
			assertThat(b.inflight()).singleElement().satisfies((inflight) -> {
				assertThat(inflight.messageId()).isEqualTo(3);
				assertThat(inflight.packetId()).isEqualTo(8);
				assertThat(inflight.released()).isFalse();
			});
			assertThat(this.jdbc.queryForList("SELECT deliveries FROM mqtt_message ORDER BY id", Integer.class))
				.containsExactly(2, 1, 1);

			store.messageRemoved("up-a", 1);
			store.messageRemoved("up-a", 2);
			commit(journal);
			assertThat(this.jdbc.queryForList("SELECT id FROM mqtt_message ORDER BY id", Long.class))
				.as("the message up-b still holds stays")
				.containsExactly(1L, 3L);
			store.messageRemoved("up-b", 1);
			commit(journal);
			assertThat(this.jdbc.queryForList("SELECT id FROM mqtt_message ORDER BY id", Long.class))
				.containsExactly(3L);
			assertThat(this.jdbc.queryForList("SELECT client_id || ':' || message_id || ':' || packet_id "
					+ "FROM mqtt_session_message ORDER BY client_id", String.class))
				.containsExactly("up-b:3:8");
		}
	}

	private static void commit(StoreJournal journal) throws Exception {
		CompletableFuture<Void> durable = new CompletableFuture<>();
		journal.append(new JournalOp.Barrier(durable), false);
		durable.get(20, TimeUnit.SECONDS);
	}

}
