package dev.mqttstack.admin.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;
import org.springframework.util.FileSystemUtils;

import dev.mqttstack.admin.database.EmbeddedPostgresLauncher;
import dev.mqttstack.admin.database.RootCheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL stops in the middle of traffic and comes back on the same data directory and
 * port: QoS 0 keeps flowing, QoS 1 publishes to a persistent session are not acknowledged
 * meanwhile (backpressure, not loss), health turns DOWN, and once the database is back
 * every message is acknowledged and delivered.
 */
class DatabaseOutageTests {

	private static final int BEFORE = 100;

	private static final int DURING = 100;

	private Path dataDirectory;

	private EmbeddedPostgres postgres;

	private HikariDataSource dataSource;

	private DurableBroker broker;

	@AfterEach
	void close() throws IOException {
		if (this.broker != null) {
			this.broker.close();
		}
		if (this.dataSource != null) {
			this.dataSource.close();
		}
		if (this.postgres != null) {
			this.postgres.close();
		}
		if (this.dataDirectory != null) {
			FileSystemUtils.deleteRecursively(this.dataDirectory);
		}
	}

	@Test
	void publishesWaitUnacknowledgedWhileTheDatabaseIsDownAndNothingIsLost() throws Exception {
		RootCheck.requireRunnableEmbeddedPostgres();
		this.dataDirectory = Files.createTempDirectory("mqtt-outage-pg");
		int port = ServiceProcess.freePort();
		this.postgres = startPostgres(port);
		String url = this.postgres.getJdbcUrl("postgres", "postgres");
		Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration").load().migrate();
		this.dataSource = new HikariDataSource();
		this.dataSource.setJdbcUrl(url);
		this.dataSource.setUsername("postgres");
		this.dataSource.setMaximumPoolSize(4);
		this.dataSource.setConnectionTimeout(1000);
		this.broker = DurableBroker.start(this.dataSource, (builder) -> {
		});
		StoreHealthIndicator health = new StoreHealthIndicator(this.broker.journal, Duration.ZERO);
		try (DurableClient device = DurableClient.connect(this.broker.port(), "device", false, false)) {
			device.subscribe("outage/q1", 1);
		}
		try (DurableClient live = DurableClient.connect(this.broker.port(), "live", true, false);
				DurableClient publisher = DurableClient.connect(this.broker.port(), "publisher", true, false)) {
			live.subscribe("outage/q0", 0);
			publisher.publishAll("outage/q1", "m-", BEFORE, 1);
			assertThat(health.health().getStatus()).isEqualTo(Status.UP);

			this.postgres.close();
			List<IMqttToken> waiting = new ArrayList<>();
			for (int i = BEFORE; i < BEFORE + DURING; i++) {
				waiting.add(publisher.publish("outage/q1", "m-" + i, 1, false));
			}
			await().atMost(Duration.ofSeconds(20)).until(() -> !this.broker.journal.isAvailable());
			assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
			for (int i = 0; i < 20; i++) {
				publisher.publish("outage/q0", "live-" + i, 0, false);
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> live.total() == 20);
			assertThat(waiting).as("QoS 1 publishes to a persistent session stay unacknowledged")
				.noneMatch(IMqttToken::isComplete);

			this.postgres = startPostgres(port);
			await().atMost(Duration.ofSeconds(30)).until(() -> waiting.stream().allMatch(IMqttToken::isComplete));
			assertThat(waiting).allMatch((token) -> token.getException() == null);
			await().atMost(Duration.ofSeconds(10)).until(() -> health.health().getStatus().equals(Status.UP));
		}
		try (DurableClient device = DurableClient.connect(this.broker.port(), "device", false, false)) {
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(
						() -> assertThat(IntStream.range(0, BEFORE + DURING).filter((i) -> device.count("m-" + i) == 0))
							.isEmpty());
		}
	}

	private EmbeddedPostgres startPostgres(int port) throws IOException {
		return EmbeddedPostgres.builder()
			.setDataDirectory(this.dataDirectory)
			.setPGStartupWait(EmbeddedPostgresLauncher.STARTUP_WAIT)
			.setCleanDataDirectory(false)
			.setPort(port)
			.start();
	}

}
