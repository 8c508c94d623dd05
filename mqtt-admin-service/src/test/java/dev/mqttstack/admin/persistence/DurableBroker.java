package dev.mqttstack.admin.persistence;

import java.time.Duration;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.mqttstack.broker.MqttBroker;

/**
 * A broker in the test JVM on the PostgreSQL session and retained stores, without the
 * rest of the service: for expiry, outage and throughput scenarios.
 */
final class DurableBroker implements AutoCloseable {

	final StoreJournal journal;

	final PostgresSessionStore sessions;

	final MqttBroker broker;

	private DurableBroker(StoreJournal journal, PostgresSessionStore sessions, MqttBroker broker) {
		this.journal = journal;
		this.sessions = sessions;
		this.broker = broker;
	}

	static DurableBroker start(DataSource dataSource, Consumer<MqttBroker.Builder> customizer) {
		return start(dataSource, JournalDropListener.NONE, customizer);
	}

	static DurableBroker start(DataSource dataSource, JournalDropListener drops,
			Consumer<MqttBroker.Builder> customizer) {
		PersistenceProperties defaults = new PersistenceProperties();
		return start(dataSource, drops, defaults.getBatchSize(), defaults.getCapacity(), customizer);
	}

	/**
	 * Starts a broker whose journal writes up to {@code batchSize} operations per
	 * transaction and pushes back past {@code capacity} waiting.
	 */
	static DurableBroker start(DataSource dataSource, JournalDropListener drops, int batchSize, int capacity,
			Consumer<MqttBroker.Builder> customizer) {
		StoreJournal journal = new StoreJournal(dataSource, batchSize, capacity, Duration.ofMillis(200), drops);
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		PostgresSessionStore sessions = new PostgresSessionStore(jdbc, journal);
		MqttBroker.Builder builder = MqttBroker.builder()
			.host("127.0.0.1")
			.port(0)
			.sysInterval(Duration.ZERO)
			.ioThreads(2)
			.sessionStore(sessions)
			.retainedStore(new PostgresRetainedStore(jdbc, journal));
		customizer.accept(builder);
		MqttBroker broker = builder.build();
		broker.start();
		return new DurableBroker(journal, sessions, broker);
	}

	int port() {
		return this.broker.port();
	}

	@Override
	public void close() {
		this.broker.stop();
		this.journal.close();
	}

}
