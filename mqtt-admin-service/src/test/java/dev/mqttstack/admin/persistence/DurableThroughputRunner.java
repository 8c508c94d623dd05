package dev.mqttstack.admin.persistence;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.awaitility.Awaitility;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.mqttstack.admin.database.EmbeddedPostgresLauncher;
import dev.mqttstack.broker.MqttBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures QoS 1 throughput to offline persistent sessions, in-memory store against the
 * PostgreSQL store on the service's own embedded PostgreSQL (fsync and synchronous commit
 * on, as in production): Paho publishers with a window of in-flight messages each, every
 * message bound for every offline subscriber; checks that the view
 * {@code mqtt_session_message} shows one delivery per message and subscriber. Not a timed
 * test and not part of the build (the class name matches no surefire pattern); run it
 * with {@code ./mvnw -pl mqtt-admin-service -am test -Dtest=DurableThroughputRunner
 * -Dsurefire.failIfNoSpecifiedTests=false -Dmqtt.throughput=true}.
 */
@EnabledIfSystemProperty(named = "mqtt.throughput", matches = "true")
class DurableThroughputRunner {

	private static final int MESSAGES = Integer.getInteger("mqtt.throughput.messages", 40_000);

	private static final int PUBLISHERS = Integer.getInteger("mqtt.throughput.publishers", 4);

	private static final int WINDOW = 500;

	@Test
	@Timeout(value = 30, unit = TimeUnit.MINUTES)
	void measure(@TempDir Path directory) throws Exception {
		// the service's own embedded PostgreSQL: fsync and synchronous_commit on
		EmbeddedPostgresLauncher.Started server = EmbeddedPostgresLauncher.start(directory.resolve("pg"), 0);
		try (EmbeddedPostgres postgres = server.postgres()) {
			run(null, 1); // warms up the JIT, not reported
			for (int subscribers : new int[] { 1, 10 }) {
				double memory = run(null, subscribers);
				try (HikariDataSource dataSource = durableDatabase(postgres, server.password(), subscribers)) {
					JdbcTemplate jdbc = new JdbcTemplate(dataSource);
					String settings = "fsync=" + jdbc.queryForObject("SHOW fsync", String.class)
							+ ", synchronous_commit=" + jdbc.queryForObject("SHOW synchronous_commit", String.class);
					double postgresRate = run(dataSource, subscribers);
					System.out.printf(
							"THROUGHPUT %d QoS 1 messages, %d publishers (window %d) -> %d offline "
									+ "persistent subscribers: in-memory %.0f msg/s, PostgreSQL (%s) %.0f msg/s%n",
							MESSAGES, PUBLISHERS, WINDOW, subscribers, memory, settings, postgresRate);
				}
			}
		}
	}

	private static HikariDataSource durableDatabase(EmbeddedPostgres postgres, String password, int index)
			throws Exception {
		String name = "durable_bench_" + index + "_" + System.nanoTime();
		try (Connection connection = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"),
				EmbeddedPostgresLauncher.USER, password)) {
			connection.createStatement().execute("CREATE DATABASE " + name);
		}
		String url = postgres.getJdbcUrl("postgres", name);
		Flyway.configure()
			.dataSource(url, EmbeddedPostgresLauncher.USER, password)
			.locations("classpath:db/migration")
			.load()
			.migrate();
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(url);
		dataSource.setUsername(EmbeddedPostgresLauncher.USER);
		dataSource.setPassword(password);
		dataSource.setMaximumPoolSize(4);
		return dataSource;
	}

	private double run(HikariDataSource dataSource, int subscribers) throws Exception {
		Consumer<MqttBroker.Builder> limits = (builder) -> builder.maxQueuedMessages(MESSAGES + 1).maxQueuedBytes(0);
		AutoCloseable closer;
		int port;
		StoreJournal journal = null;
		if (dataSource != null) {
			PersistenceProperties defaults = new PersistenceProperties();
			DurableBroker durable = DurableBroker.start(dataSource, JournalDropListener.NONE,
					Integer.getInteger("mqtt.throughput.batch-size", defaults.getBatchSize()),
					Integer.getInteger("mqtt.throughput.capacity", defaults.getCapacity()), limits);
			closer = durable;
			port = durable.port();
			journal = durable.journal;
		}
		else {
			MqttBroker.Builder builder = MqttBroker.builder().host("127.0.0.1").port(0).sysInterval(Duration.ZERO);
			limits.accept(builder);
			MqttBroker broker = builder.build();
			broker.start();
			closer = broker::stop;
			port = broker.port();
		}
		try (closer) {
			for (int i = 0; i < subscribers; i++) {
				try (DurableClient subscriber = DurableClient.connect(port, "bench-sub-" + i, false, false)) {
					subscriber.subscribe("bench/#", 1);
				}
			}
			ExecutorService executor = Executors.newFixedThreadPool(PUBLISHERS);
			Cost before = (dataSource != null) ? Cost.of(dataSource) : null;
			long start = System.nanoTime();
			List<Future<?>> runs = new ArrayList<>();
			for (int p = 0; p < PUBLISHERS; p++) {
				int publisherIndex = p;
				runs.add(executor.submit(() -> {
					publish(port, publisherIndex);
					return null;
				}));
			}
			for (Future<?> run : runs) {
				run.get();
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			executor.shutdown();
			if (dataSource != null) {
				Cost cost = Cost.of(dataSource).minus(before);
				int count = MESSAGES / PUBLISHERS * PUBLISHERS;
				System.out.printf(
						"THROUGHPUT cost per message: journal writer %.1f µs CPU, PostgreSQL backends %.1f µs CPU, "
								+ "%.0f bytes of WAL%n",
						cost.writerNanos / 1e3 / count, cost.backendNanos() / 1e3 / count,
						(double) cost.walBytes / count);
				Integer stored = new JdbcTemplate(dataSource)
					.queryForObject("SELECT count(*) FROM mqtt_session_message", Integer.class);
				assertThat(stored).isEqualTo(MESSAGES / PUBLISHERS * PUBLISHERS * subscribers);
				Integer rows = new JdbcTemplate(dataSource).queryForObject("SELECT count(*) FROM mqtt_session_delivery",
						Integer.class);
				System.out.printf("THROUGHPUT PostgreSQL: %d transactions for %d operations, %d delivery rows%n",
						journal.committedBatches(), journal.committedOperations(), rows);
				drain(port, subscribers, dataSource);
			}
			return MESSAGES / PUBLISHERS * PUBLISHERS / seconds;
		}
	}

	/**
	 * The subscribers come back and receive (and acknowledge) everything; the messages
	 * are then deleted with their last delivery. Prints the rate, for the acknowledgement
	 * path.
	 */
	private static void drain(int port, int subscribers, HikariDataSource dataSource) throws Exception {
		int count = MESSAGES / PUBLISHERS * PUBLISHERS;
		long start = System.nanoTime();
		List<DurableClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < subscribers; i++) {
				clients.add(DurableClient.connect(port, "bench-sub-" + i, false, false));
			}
			Awaitility.await()
				.atMost(Duration.ofMinutes(10))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> clients.stream().allMatch((client) -> client.total() >= count));
			double seconds = (System.nanoTime() - start) / 1e9;
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			Awaitility.await()
				.atMost(Duration.ofMinutes(10))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> jdbc.queryForObject("SELECT count(*) FROM mqtt_message", Integer.class) == 0);
			System.out.printf(
					"THROUGHPUT drain: %d subscribers received %d messages each in %.1f s "
							+ "(%.0f deliveries/s); all messages deleted after %.1f s%n",
					subscribers, count, seconds, count * subscribers / seconds, (System.nanoTime() - start) / 1e9);
		}
		finally {
			clients.forEach(DurableClient::close);
		}
	}

	/**
	 * CPU time of the journal writer thread and of the PostgreSQL backends of the
	 * database (from /proc, same machine), and WAL written, at one instant.
	 */
	private record Cost(long writerNanos, Map<Integer, Long> backends, long walBytes) {

		static Cost of(HikariDataSource dataSource) throws Exception {
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			long writer = Thread.getAllStackTraces()
				.keySet()
				.stream()
				.filter((thread) -> thread.getName().equals("mqtt-store-journal"))
				.mapToLong((thread) -> threads.getThreadCpuTime(thread.getId()))
				.sum();
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			Map<Integer, Long> backends = new HashMap<>();
			for (Integer pid : jdbc.queryForList("SELECT pid FROM pg_stat_activity WHERE datname = current_database()",
					Integer.class)) {
				backends.put(pid, procCpuNanos(pid));
			}
			Long wal = jdbc.queryForObject("SELECT wal_bytes::bigint FROM pg_stat_wal", Long.class);
			return new Cost(writer, backends, (wal != null) ? wal : 0);
		}

		private static long procCpuNanos(int pid) throws Exception {
			String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			return ticks * 10_000_000L; // USER_HZ 100
		}

		/** Backends that ended in between are not counted; a new one counts whole. */
		Cost minus(Cost earlier) {
			Map<Integer, Long> backends = new HashMap<>();
			this.backends.forEach((pid, nanos) -> backends.put(pid, nanos - earlier.backends.getOrDefault(pid, 0L)));
			return new Cost(this.writerNanos - earlier.writerNanos, backends, this.walBytes - earlier.walBytes);
		}

		long backendNanos() {
			return this.backends.values().stream().mapToLong(Long::longValue).sum();
		}

	}

	private void publish(int port, int index) throws Exception {
		try (DurableClient publisher = DurableClient.connect(port, "bench-pub-" + index, true, false)) {
			ArrayDeque<IMqttToken> window = new ArrayDeque<>();
			byte[] payload = new byte[64];
			for (int i = 0; i < MESSAGES / PUBLISHERS; i++) {
				if (window.size() >= WINDOW) {
					window.poll().waitForCompletion(60_000);
				}
				String text = "p" + index + "-" + i + new String(payload);
				while (true) {
					try {
						window.add(publisher.publish("bench/" + index, text, 1, false));
						break;
					}
					catch (MqttException ex) {
						if (ex.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
							throw ex;
						}
						// Paho counts a message in flight until its callback thread is
						// done
						if (window.isEmpty()) {
							LockSupport.parkNanos(100_000);
						}
						else {
							window.poll().waitForCompletion(60_000);
						}
					}
				}
			}
			for (IMqttToken token : window) {
				token.waitForCompletion(60_000);
			}
		}
	}

}
