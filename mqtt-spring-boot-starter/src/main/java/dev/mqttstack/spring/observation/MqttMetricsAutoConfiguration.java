/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.observation;

import java.util.List;

import dev.mqttstack.spring.autoconfigure.MqttAutoConfiguration;
import dev.mqttstack.spring.config.MqttListenerEndpointRegistry;
import dev.mqttstack.spring.connection.MqttClientConnection;
import dev.mqttstack.spring.core.MqttTemplate;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code mqtt.client.*} meters; Spring Boot binds the
 * {@link MeterBinder} to every meter registry.
 */
@AutoConfiguration(after = MqttAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(MqttClientConnection.class)
public final class MqttMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MqttClientMetrics mqttClientMetrics(MqttClientConnection connection, ObjectProvider<MqttTemplate> template,
			ObjectProvider<MqttListenerEndpointRegistry> listeners) {
		return new MqttClientMetrics(connection, template::getIfUnique, () -> {
			MqttListenerEndpointRegistry registry = listeners.getIfAvailable();
			return (registry != null) ? registry.getListenerContainers() : List.of();
		});
	}

}
