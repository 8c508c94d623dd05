package dev.mqttstack.admin.persistence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Messages stored once for ten persistent sessions survive SIGKILL of the service for
 * exactly the sessions that had not acknowledged them: the service runs as a child JVM on
 * a database of its own, real Paho clients subscribe, publish and acknowledge.
 */
class SharedDeliveryCrashRestartTests {

	private static final int MESSAGES = 50;

	private final String databaseUrl = TestDatabases.create();

	private final HikariDataSource dataSource = TestDatabases.dataSource(this.databaseUrl);

	private final JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);

	private ServiceProcess service;

	@AfterEach
	void stopService() {
		if (this.service != null) {
			this.service.close();
		}
		this.dataSource.close();
	}

	@Test
	@Timeout(value = 4, unit = TimeUnit.MINUTES)
	void afterSigkillTheSevenSessionsThatDidNotAcknowledgeGetTheSharedMessagesAndTheThreeThatDidDoNot()
			throws Exception {
		this.service = ServiceProcess.start(this.databaseUrl);
		List<String> sessions = IntStream.range(0, 10).mapToObj((i) -> "fan-" + i).toList();
		for (String clientId : sessions) {
			try (DurableClient client = DurableClient.connect(this.service.mqttPort(), clientId, false, false)) {
				client.subscribe("fan/#", 1);
			}
		}
		try (DurableClient publisher = DurableClient.connect(this.service.mqttPort(), "fan-publisher", true, false)) {
			publisher.publishAll("fan/t", "shared-", MESSAGES, 1);
		}
		assertThat(count("mqtt_message WHERE topic = 'fan/t'")).as("each message stored once").isEqualTo(MESSAGES);
		List<String> acknowledging = sessions.subList(0, 3);
		for (String clientId : acknowledging) {
			try (DurableClient client = DurableClient.connect(this.service.mqttPort(), clientId, false, false)) {
				await().atMost(Duration.ofSeconds(30)).until(() -> client.total() >= MESSAGES);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> count("mqtt_session_message WHERE client_id = '" + clientId + "'") == 0);
			}
		}

		this.service.kill();
		this.service = ServiceProcess.start(this.databaseUrl);

		List<DurableClient> clients = new ArrayList<>();
		try {
			for (String clientId : sessions) {
				clients.add(DurableClient.connect(this.service.mqttPort(), clientId, false, false));
			}
			for (DurableClient client : clients.subList(3, 10)) {
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(
							IntStream.range(0, MESSAGES).filter((i) -> client.count("shared-" + i) == 0))
						.isEmpty());
			}
			for (DurableClient client : clients.subList(0, 3)) {
				assertThat(client.total()).as("acknowledged before the kill, not sent again").isZero();
			}
			await().atMost(Duration.ofSeconds(20))
				.alias("the shared messages go with their last delivery")
				.until(() -> count("mqtt_message WHERE topic = 'fan/t'") == 0);
		}
		finally {
			clients.forEach(DurableClient::close);
		}
	}

	private int count(String from) {
		Integer count = this.jdbc.queryForObject("SELECT count(*) FROM " + from, Integer.class);
		return (count != null) ? count : 0;
	}

}
