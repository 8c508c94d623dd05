package dev.mqttstack.admin.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The embedded PostgreSQL runs like a real deployment: only its own user with a generated
 * scram-sha-256 password (kept in a 0600 file) gets in, over loopback or a unix socket in
 * a 0700 directory; fsync and synchronous commit are on; a data directory of an older
 * version (trust for everyone) is upgraded with its data kept.
 */
class EmbeddedPostgresSecurityTests {

	private final List<EmbeddedPostgres> started = new ArrayList<>();

	@AfterEach
	void stop() throws IOException {
		for (EmbeddedPostgres postgres : this.started) {
			postgres.close();
		}
	}

	@Test
	void aNewDataDirectoryAdmitsOnlyTheServiceUserWithItsGeneratedPassword(@TempDir Path directory) throws Exception {
		RootCheck.requireRunnableEmbeddedPostgres();
		Path data = directory.resolve("pg");
		EmbeddedPostgresLauncher.Started server = start(data);

		Path passwordFile = data.resolve(EmbeddedPostgresLauncher.PASSWORD_FILE);
		assertThat(Files.readString(passwordFile).trim()).isEqualTo(server.password()).hasSizeGreaterThan(20);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("socket"))))
			.isEqualTo("rwx------");
		String url = server.postgres().getJdbcUrl("postgres", "postgres");
		try (Connection connection = DriverManager.getConnection(url, "postgres", server.password())) {
			JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
			assertThat(jdbc.queryForObject("SHOW fsync", String.class)).isEqualTo("on");
			assertThat(jdbc.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
			assertThat(jdbc.queryForObject("SHOW unix_socket_permissions", String.class)).isEqualTo("0700");
			assertThat(
					jdbc.queryForObject("SELECT rolpassword FROM pg_authid WHERE rolname = 'postgres'", String.class))
				.startsWith("SCRAM-SHA-256$");
			jdbc.execute("CREATE ROLE intruder LOGIN PASSWORD 'intruder-password'");
		}
		assertRefused(url, "postgres", null);
		assertRefused(url, "postgres", "wrong-password");
		assertRefused(url, "intruder", "intruder-password");
		assertThat(Files.readString(data.resolve("pg_hba.conf"))).doesNotContain("trust");
	}

	@Test
	void anOldStyleDataDirectoryIsUpgradedWithItsDataKept(@TempDir Path directory) throws Exception {
		RootCheck.requireRunnableEmbeddedPostgres();
		Path data = directory.resolve("pg");
		try (EmbeddedPostgres old = EmbeddedPostgres.builder()
			.setDataDirectory(data)
			.setCleanDataDirectory(false)
			.start(); Connection connection = old.getPostgresDatabase().getConnection()) {
			connection.createStatement().execute("CREATE TABLE kept (name text); INSERT INTO kept VALUES ('old')");
		}
		assertThat(data.resolve(EmbeddedPostgresLauncher.PASSWORD_FILE)).doesNotExist();

		EmbeddedPostgresLauncher.Started upgraded = start(data);
		String url = upgraded.postgres().getJdbcUrl("postgres", "postgres");
		assertThat(Files.readString(data.resolve(EmbeddedPostgresLauncher.PASSWORD_FILE)).trim())
			.isEqualTo(upgraded.password());
		assertThat(kept(url, upgraded.password())).isEqualTo("old");
		assertRefused(url, "postgres", null);
		upgraded.postgres().close();
		this.started.remove(upgraded.postgres());

		EmbeddedPostgresLauncher.Started again = start(data);
		assertThat(again.password()).isEqualTo(upgraded.password());
		assertThat(kept(again.postgres().getJdbcUrl("postgres", "postgres"), again.password())).isEqualTo("old");
	}

	@Test
	void aPidFileNamingAnotherProgramIsLeftAlone(@TempDir Path directory) throws Exception {
		Files.writeString(directory.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + directory);
		assertThat(StalePostmaster.find(directory)).isEmpty();
		assertThat(StalePostmaster.stop(directory)).isFalse();
	}

	private EmbeddedPostgresLauncher.Started start(Path data) throws IOException {
		EmbeddedPostgresLauncher.Started server = EmbeddedPostgresLauncher.start(data, 0);
		this.started.add(server.postgres());
		return server;
	}

	private static String kept(String url, String password) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, "postgres", password)) {
			return new JdbcTemplate(new SingleConnectionDataSource(connection, true))
				.queryForObject("SELECT name FROM kept", String.class);
		}
	}

	private static void assertRefused(String url, String user, String password) {
		assertThatExceptionOfType(SQLException.class).as("%s with password %s", user, password)
			.isThrownBy(() -> DriverManager.getConnection(url.replace("user=postgres", "user=" + user), user, password)
				.close());
	}

}
