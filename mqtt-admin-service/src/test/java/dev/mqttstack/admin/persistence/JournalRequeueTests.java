package dev.mqttstack.admin.persistence;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.message.MessageProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message queued again for a session that still holds it in the database (a shared
 * subscription handing it back) replaces the stored delivery, in-flight state included,
 * and is neither dropped nor duplicated.
 */
class JournalRequeueTests {

	@Test
	void aMessageQueuedAgainForASessionThatStillHoldsItReplacesItsRow() throws Exception {
		try (HikariDataSource dataSource = TestDatabases.dataSource(TestDatabases.create());
				StoreJournal journal = new StoreJournal(dataSource, 100, 1000, Duration.ofMinutes(1))) {
			Message message = new Message("requeue/t", "m".getBytes(StandardCharsets.UTF_8), 1, false,
					MessageProperties.EMPTY, "publisher", System.currentTimeMillis());
			journal.append(new JournalOp.MessageQueued("requeue-client", 7, message, 1, false, List.of()), false);
			journal.append(new JournalOp.MessageSent("requeue-client", 7, 42), false);
			commit(journal);
			journal.append(new JournalOp.MessageQueued("requeue-client", 7, message, 1, false, List.of(3)), false);
			journal.append(new JournalOp.MessageQueued("requeue-other", 7, message, 1, false, List.of()), false);
			commit(journal);

			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			assertThat(jdbc.queryForList(
					"SELECT client_id || ' ' || coalesce(packet_id, 0) || ' ' || array_to_string(subscription_ids, ',') "
							+ "FROM mqtt_session_message ORDER BY client_id",
					String.class))
				.containsExactly("requeue-client 0 3", "requeue-other 0 ");
			assertThat(journal.droppedOperations()).isZero();
			assertThat(journal.failure()).isNull();
		}
	}

	private static void commit(StoreJournal journal) throws Exception {
		CompletableFuture<Void> durable = new CompletableFuture<>();
		journal.append(new JournalOp.Barrier(durable), false);
		durable.get(20, TimeUnit.SECONDS);
	}

}
