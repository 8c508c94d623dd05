package dev.mqttstack.admin.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Set;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the embedded PostgreSQL the way a real deployment runs: the superuser
 * {@code postgres} has a generated password (scram-sha-256) kept in a 0600 file of the
 * data directory, {@code pg_hba.conf} admits only that user with that password over
 * 127.0.0.1, ::1 and a unix socket in a 0700 directory, and fsync and synchronous commit
 * are on. A data directory of an older version (trust for everyone, no password) is
 * upgraded on its first start: the password is set and {@code pg_hba.conf} rewritten, the
 * data kept. A postmaster a crashed run left on the directory is stopped first.
 */
public final class EmbeddedPostgresLauncher {

	/** The file in the data directory that holds the superuser's password. */
	public static final String PASSWORD_FILE = "mqtt-admin-postgres.password";

	/** The user the service connects as. */
	public static final String USER = "postgres";

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedPostgresLauncher.class);

	private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private static final int MAX_SOCKET_DIRECTORY_LENGTH = 80;

	/**
	 * How long a start waits for the server to accept connections. zonky's default of 10
	 * s is too short on a busy host (seen at a load of 15 on two cores, where a start
	 * then fails although the server comes up moments later); a start that takes longer
	 * than a minute is a real failure.
	 */
	public static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

	private EmbeddedPostgresLauncher() {
	}

	/**
	 * Starts PostgreSQL on a data directory, creating it when empty.
	 * @param dataDirectory the data directory
	 * @param port the port on localhost, 0 for a free one
	 * @return the running server and the password to connect with
	 * @throws IOException when it cannot start
	 */
	public static Started start(Path dataDirectory, int port) throws IOException {
		Path directory = dataDirectory.toAbsolutePath().normalize();
		Files.createDirectories(directory);
		StalePostmaster.stop(directory);
		Path passwordFile = directory.resolve(PASSWORD_FILE);
		boolean fresh = !Files.exists(directory.resolve("postgresql.conf"));
		boolean upgrade = !fresh && !Files.exists(passwordFile);
		String password = (fresh || upgrade) ? generatePassword() : Files.readString(passwordFile).trim();
		Path socketDirectory = socketDirectory(directory);
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(directory)
			.setCleanDataDirectory(false)
			.setPGStartupWait(STARTUP_WAIT)
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("full_page_writes", "on")
			.setServerConfig("listen_addresses", "127.0.0.1,::1")
			.setServerConfig("unix_socket_directories", socketDirectory.toString())
			.setServerConfig("unix_socket_permissions", "0700")
			.setServerConfig("password_encryption", "scram-sha-256")
			.setConnectConfig("password", password);
		if (port > 0) {
			builder.setPort(port);
		}
		Path initialPassword = null;
		if (fresh) {
			// initdb takes the superuser's password from a file: zonky passes its locale
			// settings to initdb as --name=value
			initialPassword = Files.createTempFile("mqtt-admin-pg", ".pw",
					PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
			Files.writeString(initialPassword, password);
			builder.setLocaleConfig("pwfile", initialPassword.toString())
				.setLocaleConfig("auth-host", "scram-sha-256")
				.setLocaleConfig("auth-local", "scram-sha-256");
		}
		builder.setDataDirectoryCustomizer((data) -> prepare(data.toPath(), socketDirectory, password, upgrade));
		EmbeddedPostgres postgres;
		try {
			postgres = builder.start();
		}
		finally {
			if (initialPassword != null) {
				Files.deleteIfExists(initialPassword);
			}
		}
		if (upgrade) {
			secureUpgraded(postgres, directory, password);
		}
		return new Started(postgres, password);
	}

	/**
	 * Runs between initdb and the start: the password file, the socket directory, pg_hba.
	 */
	private static void prepare(Path directory, Path socketDirectory, String password, boolean upgrade) {
		try {
			Files.createDirectories(socketDirectory);
			Files.setPosixFilePermissions(socketDirectory, OWNER_ONLY_DIRECTORY);
			if (upgrade) {
				// an older version's directory: its superuser has no password yet, so it
				// starts admitting the superuser over loopback only, until secureUpgraded
				writeHba(directory, "trust");
			}
			else {
				writePassword(directory, password);
				writeHba(directory, "scram-sha-256");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void secureUpgraded(EmbeddedPostgres postgres, Path directory, String password) throws IOException {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("SET password_encryption = 'scram-sha-256'");
			statement.execute("ALTER ROLE " + USER + " WITH PASSWORD '" + password + "'");
			writePassword(directory, password);
			writeHba(directory, "scram-sha-256");
			statement.execute("SELECT pg_reload_conf()");
		}
		catch (SQLException ex) {
			postgres.close();
			throw new IOException("Cannot set the password of the embedded PostgreSQL's superuser", ex);
		}
		logger.warn("Upgraded the embedded PostgreSQL in {}: the superuser now has a generated password (in {}) "
				+ "and pg_hba.conf admits only it", directory, PASSWORD_FILE);
	}

	private static void writePassword(Path directory, String password) throws IOException {
		Path file = directory.resolve(PASSWORD_FILE);
		Path temporary = directory.resolve(PASSWORD_FILE + ".tmp");
		Files.deleteIfExists(temporary);
		Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
		Files.writeString(temporary, password, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
		Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
	}

	private static void writeHba(Path directory, String method) throws IOException {
		String hba = """
				# Written by mqtt-admin-service on every start: only the service's user, with its
				# password (%2$s), over the unix socket (a 0700 directory) and loopback.
				local   all   %1$s                 %2$s
				host    all   %1$s   127.0.0.1/32  %2$s
				host    all   %1$s   ::1/128       %2$s
				""".formatted(USER, method);
		Files.writeString(directory.resolve("pg_hba.conf"), hba, StandardCharsets.UTF_8);
	}

	/**
	 * The socket directory: {@code socket} in the data directory, or a private temporary
	 * directory when that path is too long for a unix socket or has a space (the server
	 * options pass through a shell).
	 */
	private static Path socketDirectory(Path directory) throws IOException {
		Path inside = directory.resolve("socket");
		String path = inside.toString();
		if (path.length() <= MAX_SOCKET_DIRECTORY_LENGTH && path.chars().noneMatch(Character::isWhitespace)) {
			return inside;
		}
		return Files.createTempDirectory("mqtt-admin-pg-socket",
				PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
	}

	private static String generatePassword() {
		byte[] random = new byte[24];
		new SecureRandom().nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	/**
	 * A running embedded PostgreSQL.
	 *
	 * @param postgres the server; close it to stop it
	 * @param password the password of {@link #USER}
	 */
	public record Started(EmbeddedPostgres postgres, String password) {

	}

}
