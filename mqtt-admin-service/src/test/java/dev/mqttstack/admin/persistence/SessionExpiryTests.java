package dev.mqttstack.admin.persistence;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Persistent sessions expire: an MQTT 3.1.1 persistent session after
 * {@code persistentSessionExpiry} offline, with its messages purged from PostgreSQL, and
 * a session whose expiry passed while the broker was down is purged at start instead of
 * restored.
 */
class SessionExpiryTests {

	private final HikariDataSource dataSource = TestDatabases.dataSource(TestDatabases.create());

	private final JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);

	private DurableBroker broker;

	@AfterEach
	void close() {
		if (this.broker != null) {
			this.broker.close();
		}
		this.dataSource.close();
	}

	@Test
	void offlinePersistentSessionExpiresAndItsMessagesArePurged() throws Exception {
		this.broker = DurableBroker.start(this.dataSource,
				(builder) -> builder.persistentSessionExpiry(Duration.ofSeconds(3)));
		try (DurableClient device = DurableClient.connect(this.broker.port(), "expiring", false, false)) {
			device.subscribe("expiry/#", 1);
		}
		try (DurableClient publisher = DurableClient.connect(this.broker.port(), "publisher", true, false)) {
			publisher.publishAll("expiry/a", "m-", 5, 1);
		}
		assertThat(count("mqtt_session_message WHERE client_id = 'expiring'")).isEqualTo(5);
		assertThat(count("mqtt_session WHERE client_id = 'expiring'")).isOne();

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(count("mqtt_session WHERE client_id = 'expiring'")).isZero();
			assertThat(count("mqtt_session_subscription WHERE client_id = 'expiring'")).isZero();
			assertThat(count("mqtt_session_message WHERE client_id = 'expiring'")).isZero();
			assertThat(count("mqtt_message")).isZero();
		});
		try (DurableClient device = DurableClient.connect(this.broker.port(), "expiring", false, false)) {
			assertThat(device.sessionPresent()).isFalse();
		}
	}

	@Test
	void sessionThatExpiredWhileTheBrokerWasDownIsPurgedAtStart() throws Exception {
		Timestamp hourAgo = Timestamp.from(Instant.now().minus(Duration.ofHours(1)));
		this.jdbc.update("INSERT INTO mqtt_session (client_id, expiry_interval, disconnected_at) VALUES (?, ?, ?)",
				"expired-while-down", 60, hourAgo);
		this.jdbc.update("INSERT INTO mqtt_session (client_id, expiry_interval, disconnected_at) VALUES (?, ?, ?)",
				"still-valid", 7200, hourAgo);
		for (String clientId : new String[] { "expired-while-down", "still-valid" }) {
			this.jdbc.update("INSERT INTO mqtt_session_subscription VALUES (?, 'expiry/#', 1, false, false, 0)",
					clientId);
		}
		this.jdbc.update("INSERT INTO mqtt_message VALUES (7, 'expiry/x', 'kept'::bytea, 1, false, null, null, ?)",
				System.currentTimeMillis());
		for (String clientId : new String[] { "expired-while-down", "still-valid" }) {
			this.jdbc.update("INSERT INTO mqtt_session_delivery (client_id, first_message_id, last_message_id, "
					+ "message_ids, qos, retain, subscription_ids) VALUES (?, 7, 7, '{7}', '{1}', '{f}', '{\"\"}')",
					clientId);
		}

		this.broker = DurableBroker.start(this.dataSource, (builder) -> {
		});

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(count("mqtt_session WHERE client_id = 'expired-while-down'")).isZero());
		assertThat(count("mqtt_session_message WHERE client_id = 'expired-while-down'")).isZero();
		try (DurableClient valid = DurableClient.connect(this.broker.port(), "still-valid", false, false)) {
			assertThat(valid.sessionPresent()).isTrue();
			await().atMost(Duration.ofSeconds(10)).until(() -> valid.count("kept") == 1);
		}
		try (DurableClient expired = DurableClient.connect(this.broker.port(), "expired-while-down", false, false)) {
			assertThat(expired.sessionPresent()).isFalse();
		}
	}

	private int count(String from) {
		Integer count = this.jdbc.queryForObject("SELECT count(*) FROM " + from, Integer.class);
		return (count != null) ? count : 0;
	}

}
