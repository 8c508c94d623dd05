package dev.mqttstack.admin.persistence;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The journal fails loudly, never silently: a failure of its own code is logged at ERROR,
 * turns health DOWN for good and costs only the operation that triggers it; a database
 * that stays unreachable turns health (and with it readiness) DOWN only after the
 * configured time.
 */
@ExtendWith(OutputCaptureExtension.class)
class JournalFailureTests {

	@Test
	void aFailureOfOurOwnCodeIsLoggedTurnsHealthDownAndTheOtherOperationsAreStillWritten(CapturedOutput output)
			throws Exception {
		List<JournalFailure> drops = new CopyOnWriteArrayList<>();
		try (HikariDataSource dataSource = TestDatabases.dataSource(TestDatabases.create());
				StoreJournal journal = new StoreJournal(dataSource, 100, 1000, Duration.ofMinutes(1),
						(clientId, message, kind) -> drops.add(kind))) {
			// a queued message without its message: JournalBatch.write fails with a
			// NullPointerException, a bug of ours rather than a refusal of the database
			journal.append(new JournalOp.MessageQueued("broken-client", 1, null, 1, false, List.of()), false);
			journal.append(new JournalOp.SessionConnected("fine-client", 60), false);
			CompletableFuture<Void> durable = new CompletableFuture<>();
			journal.append(new JournalOp.Barrier(durable), false);

			durable.get(20, TimeUnit.SECONDS);
			assertThat(new JdbcTemplate(dataSource)
				.queryForObject("SELECT count(*) FROM mqtt_session WHERE client_id = 'fine-client'", Integer.class))
				.isOne();
			assertThat(journal.failure()).isInstanceOf(NullPointerException.class);
			assertThat(drops).containsExactly(JournalFailure.BUG);
			assertThat(new StoreHealthIndicator(journal, Duration.ofHours(1)).health().getStatus())
				.isEqualTo(Status.DOWN);
			assertThat(output.getOut()).contains("ERROR")
				.contains("The session store writer failed unexpectedly")
				.contains("Dropped a session store operation of client 'broken-client'");

			CompletableFuture<Void> later = new CompletableFuture<>();
			journal.append(new JournalOp.SessionConnected("later-client", 60), false);
			journal.append(new JournalOp.Barrier(later), false);
			later.get(20, TimeUnit.SECONDS);
			assertThat(new StoreHealthIndicator(journal, Duration.ofHours(1)).health().getStatus())
				.as("DOWN until a restart")
				.isEqualTo(Status.DOWN);
		}
	}

	@Test
	void anUnreachableDatabaseTurnsHealthDownOnlyAfterTheUnavailableTimeout() {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + ServiceProcess.freePort() + "/nothing");
		dataSource.setConnectionTimeout(250);
		dataSource.setInitializationFailTimeout(-1);
		try (dataSource; StoreJournal journal = new StoreJournal(dataSource, 100, 1000, Duration.ofMinutes(1))) {
			StoreHealthIndicator health = new StoreHealthIndicator(journal, Duration.ofSeconds(5));
			journal.append(new JournalOp.SessionConnected("waiting-client", 60), false);
			await().atMost(Duration.ofSeconds(10)).until(() -> !journal.isAvailable());
			assertThat(health.health().getStatus()).as("within the timeout").isEqualTo(Status.UP);
			await().atMost(Duration.ofSeconds(15)).until(() -> health.health().getStatus().equals(Status.DOWN));
			assertThat(journal.unavailableFor()).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
			assertThat(journal.failure()).as("an outage is not a bug").isNull();
		}
	}

}
