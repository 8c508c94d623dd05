package dev.mqttstack.admin.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import dev.mqttstack.admin.TestDatabase;

/**
 * A fresh, migrated database of its own on the tests' PostgreSQL for each test class that
 * runs brokers with the PostgreSQL stores, so their sessions do not meet.
 */
final class TestDatabases {

	private TestDatabases() {
	}

	/**
	 * Creates and migrates a new database.
	 * @return its JDBC URL
	 */
	static String create() {
		String url = createEmpty();
		migrate(url, null);
		return url;
	}

	/**
	 * Creates a new database without tables.
	 * @return its JDBC URL
	 */
	static String createEmpty() {
		TestDatabase.Connection server = TestDatabase.get();
		String name = "durable_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (Connection connection = DriverManager.getConnection(server.url(), server.username(), server.password());
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name.toLowerCase(Locale.ROOT));
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create a test database", ex);
		}
		return server.url().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
	}

	/**
	 * Migrates a database.
	 * @param url its JDBC URL
	 * @param target the version to stop at, {@code null} for the latest
	 */
	static void migrate(String url, String target) {
		TestDatabase.Connection server = TestDatabase.get();
		FluentConfiguration configuration = Flyway.configure()
			.dataSource(url, server.username(), server.password())
			.locations("classpath:db/migration");
		if (target != null) {
			configuration.target(target);
		}
		configuration.load().migrate();
	}

	/**
	 * A pool on a database of the tests' PostgreSQL.
	 * @param url the JDBC URL
	 * @return the pool; close it
	 */
	static HikariDataSource dataSource(String url) {
		TestDatabase.Connection server = TestDatabase.get();
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(url);
		dataSource.setUsername(server.username());
		dataSource.setPassword(server.password());
		dataSource.setMaximumPoolSize(4);
		dataSource.setConnectionTimeout(2000);
		return dataSource;
	}

}
