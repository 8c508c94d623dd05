package dev.mqttstack.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mqttstack.admin.database.EmbeddedPostgresLauncher;
import dev.mqttstack.admin.database.RootCheck;

/**
 * The real PostgreSQL the tests run against, started once per JVM: Testcontainers'
 * PostgreSQL where a Docker engine runs, otherwise the embedded one (binaries from Maven
 * Central; as root it runs in a user namespace via {@code unshare -U}).
 */
public final class TestDatabase {

	private static Connection connection;

	private TestDatabase() {
	}

	/**
	 * The database, started on first use.
	 * @return where to connect
	 */
	public static synchronized Connection get() {
		if (connection == null) {
			connection = dockerAvailable() ? startContainer() : startEmbedded();
		}
		return connection;
	}

	private static boolean dockerAvailable() {
		boolean hinted = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"))
				|| Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
		if (!hinted) {
			return false;
		}
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static Connection startContainer() {
		PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
		container.start();
		Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
		return new Connection("testcontainers", container.getJdbcUrl(), container.getUsername(),
				container.getPassword());
	}

	private static Connection startEmbedded() {
		RootCheck.requireRunnableEmbeddedPostgres();
		try {
			Path directory = Files.createTempDirectory("mqtt-admin-test-pg");
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(directory)
				.setPGStartupWait(EmbeddedPostgresLauncher.STARTUP_WAIT)
				.setCleanDataDirectory(true)
				.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					postgres.close();
				}
				catch (IOException ex) {
					// the JVM is ending
				}
			}));
			return new Connection("embedded", postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the embedded PostgreSQL", ex);
		}
	}

	/**
	 * Where the test database listens.
	 *
	 * @param kind {@code testcontainers} or {@code embedded}
	 * @param url the JDBC URL
	 * @param username the user
	 * @param password the password
	 */
	public record Connection(String kind, String url, String username, String password) {

	}

	/** Points {@code spring.datasource.*} at the test database. */
	public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			Connection db = get();
			TestPropertyValues
				.of("spring.datasource.url=" + db.url(), "spring.datasource.username=" + db.username(),
						"spring.datasource.password=" + db.password())
				.applyTo(context);
		}

	}

}
