package dev.mqttstack.admin.persistence;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.mqttstack.broker.event.BrokerEvents;

/**
 * Configuration of durable persistent sessions and retained messages: the
 * {@link StoreJournal} and the PostgreSQL stores the broker uses, unless
 * {@code mqtt.broker.persistence.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "mqtt.broker.persistence.enabled", havingValue = "true", matchIfMissing = true)
public class PersistenceConfiguration {

	@Bean(destroyMethod = "close")
	StoreJournal storeJournal(DataSource dataSource, PersistenceProperties properties,
			ObjectProvider<MeterRegistry> meterRegistry, ObjectProvider<BrokerEvents> events) {
		return new StoreJournal(dataSource, properties.getBatchSize(), properties.getCapacity(),
				properties.getGcInterval(),
				new StoreDropReporter(meterRegistry.getIfAvailable(() -> Metrics.globalRegistry), events));
	}

	@Bean
	PostgresSessionStore postgresSessionStore(JdbcTemplate jdbc, StoreJournal journal) {
		return new PostgresSessionStore(jdbc, journal);
	}

	@Bean
	PostgresRetainedStore postgresRetainedStore(JdbcTemplate jdbc, StoreJournal journal) {
		return new PostgresRetainedStore(jdbc, journal);
	}

	@Bean("sessionStore")
	StoreHealthIndicator sessionStoreHealthIndicator(StoreJournal journal, PersistenceProperties properties) {
		return new StoreHealthIndicator(journal, properties.getUnavailableTimeout());
	}

}
