/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.mqttstack.spring.annotation.EnableMqtt;
import dev.mqttstack.spring.annotation.MqttListenerAnnotationBeanPostProcessor;
import dev.mqttstack.spring.config.DefaultMqttListenerContainerFactory;
import dev.mqttstack.spring.config.MqttMessageHandlerMethodFactory;
import dev.mqttstack.spring.connection.MqttBrokerUrl;
import dev.mqttstack.spring.connection.MqttClientConnection;
import dev.mqttstack.spring.connection.MqttClientConnections;
import dev.mqttstack.spring.connection.MqttClientSettings;
import dev.mqttstack.spring.core.MqttOperations;
import dev.mqttstack.spring.core.MqttTemplate;
import dev.mqttstack.spring.listener.DeadLetterPublishingRecoverer;
import dev.mqttstack.spring.listener.LoggingMessageRecoverer;
import dev.mqttstack.spring.listener.MqttMessageRecoverer;
import dev.mqttstack.spring.observation.MqttListenerObservationConvention;
import dev.mqttstack.spring.observation.MqttTemplateObservationConvention;
import dev.mqttstack.spring.support.MqttPayloadConverter;
import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.util.StringUtils;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.validation.Validator;

/**
 * Auto-configuration of MQTT: one shared connection, the {@link MqttTemplate} and
 * {@code @MqttListener} support.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration",
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass({ MqttTemplate.class, org.springframework.integration.mqtt.core.ClientManager.class })
@EnableConfigurationProperties(MqttProperties.class)
public final class MqttAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(MqttConnectionDetails.class)
	PropertiesMqttConnectionDetails mqttConnectionDetails(MqttProperties properties,
			ObjectProvider<SslBundles> sslBundles) {
		return new PropertiesMqttConnectionDetails(properties, sslBundles.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	MqttClientConnection mqttClientConnection(MqttProperties properties, MqttConnectionDetails connectionDetails,
			Environment environment, ObjectProvider<MqttClientSettingsCustomizer> customizers,
			ApplicationEventPublisher events) {
		MqttClientSettings settings = new MqttClientSettings();
		settings.setUrl(validUrl(connectionDetails.getUrl()));
		settings.setUsername(connectionDetails.getUsername());
		settings.setPassword(connectionDetails.getPassword());
		settings.setClientId(StringUtils.hasText(properties.getClientId()) ? properties.getClientId()
				: defaultClientId(environment));
		settings.setProtocolVersion(properties.getProtocolVersion());
		settings.setCleanStart(properties.isCleanStart());
		settings.setSessionExpiry(properties.getSessionExpiry());
		settings.setKeepAlive(properties.getKeepAlive());
		settings.setConnectionTimeout(properties.getConnectionTimeout());
		settings.setAutomaticReconnect(properties.isAutomaticReconnect());
		settings.setMaxReconnectDelay(properties.getMaxReconnectDelay());
		settings.setFailFast(properties.isFailFast());
		if (properties.getReceiveMaximum() != null) {
			settings.setReceiveMaximum(properties.getReceiveMaximum());
		}
		SslBundle bundle = connectionDetails.getSslBundle();
		if (bundle != null) {
			settings.setSocketFactory(bundle.createSslContext().getSocketFactory());
		}
		MqttProperties.Will will = properties.getWill();
		if (StringUtils.hasText(will.getTopic())) {
			settings.setWillTopic(will.getTopic());
			settings.setWillPayload(will.getPayload().getBytes(StandardCharsets.UTF_8));
			settings.setWillQos(will.getQos());
			settings.setWillRetained(will.isRetained());
		}
		customizers.orderedStream().forEach((customizer) -> customizer.customize(settings));
		return MqttClientConnections.create(settings, events, taskExecutor(environment, "mqtt-completion-"));
	}

	private static String validUrl(String url) {
		try {
			MqttBrokerUrl.parse(url);
			return url.strip();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidMqttUrlException(url, ex.getMessage(), ex);
		}
	}

	/**
	 * Return the executor listeners and publish completions run on: virtual threads with
	 * {@code spring.threads.virtual.enabled=true}, as Spring Boot does for Kafka
	 * listeners; otherwise {@code null} for the containers' own platform threads.
	 */
	private static AsyncTaskExecutor taskExecutor(Environment environment, String threadNamePrefix) {
		if (!Threading.VIRTUAL.isActive(environment)) {
			return null;
		}
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(threadNamePrefix);
		executor.setVirtualThreads(true);
		return executor;
	}

	private static String defaultClientId(Environment environment) {
		String application = environment.getProperty("spring.application.name", "mqtt");
		return application + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	@Bean
	@ConditionalOnMissingBean
	MqttPayloadConverter mqttPayloadConverter(ObjectProvider<JsonMapper> jsonMapper) {
		return new MqttPayloadConverter(jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()));
	}

	@Bean
	@ConditionalOnMissingBean(MqttOperations.class)
	MqttTemplate mqttTemplate(MqttClientConnection connection, MqttPayloadConverter converter,
			MqttProperties properties, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<MqttTemplateObservationConvention> observationConvention,
			ObjectProvider<MqttTemplateCustomizer> customizers) {
		MqttProperties.Template template = properties.getTemplate();
		MqttTemplate mqttTemplate = StringUtils.hasText(template.getReplyTopic())
				? new MqttTemplate(connection, converter, template.getReplyTopic())
				: new MqttTemplate(connection, converter);
		mqttTemplate.setDefaultQos(template.getDefaultQos());
		mqttTemplate.setCompletionTimeout(template.getCompletionTimeout());
		if (template.isObservationEnabled()) {
			observationRegistry.ifAvailable(mqttTemplate::setObservationRegistry);
			mqttTemplate.setObservationConvention(observationConvention.getIfUnique());
		}
		customizers.orderedStream().forEach((customizer) -> customizer.customize(mqttTemplate));
		return mqttTemplate;
	}

	@Bean
	@ConditionalOnMissingBean
	MqttMessageHandlerMethodFactory mqttMessageHandlerMethodFactory(MqttPayloadConverter converter,
			ObjectProvider<Validator> validators) {
		return new MqttMessageHandlerMethodFactory(converter, validators.orderedStream().findFirst().orElse(null));
	}

	@Bean(name = MqttListenerAnnotationBeanPostProcessor.DEFAULT_CONTAINER_FACTORY_BEAN_NAME)
	@ConditionalOnMissingBean(name = MqttListenerAnnotationBeanPostProcessor.DEFAULT_CONTAINER_FACTORY_BEAN_NAME)
	DefaultMqttListenerContainerFactory mqttListenerContainerFactory(MqttClientConnection connection,
			MqttMessageHandlerMethodFactory methodFactory, MqttOperations operations, MqttProperties properties,
			ObjectProvider<MqttMessageRecoverer> recoverer, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<MqttListenerObservationConvention> observationConvention,
			ObjectProvider<MqttListenerContainerFactoryCustomizer> customizers, Environment environment) {
		MqttProperties.Listener listener = properties.getListener();
		DefaultMqttListenerContainerFactory factory = new DefaultMqttListenerContainerFactory(connection, methodFactory,
				operations);
		factory.setConcurrency(listener.getConcurrency());
		factory.setQueueCapacity(listener.getQueueCapacity());
		factory.setTaskExecutor(taskExecutor(environment, "mqtt-listener-"));
		factory.setDefaultQos(listener.getQos());
		factory.setAutoStartup(listener.isAutoStartup());
		factory.setBackOff(backOff(listener.getRetry()));
		factory.setRecoverer(recoverer.getIfUnique(() -> defaultRecoverer(operations, properties)));
		if (listener.isObservationEnabled()) {
			observationRegistry.ifAvailable(factory::setObservationRegistry);
			factory.setObservationConvention(observationConvention.getIfUnique());
		}
		customizers.orderedStream().forEach((customizer) -> customizer.customize(factory));
		return factory;
	}

	static BackOff backOff(MqttProperties.Retry retry) {
		ExponentialBackOff backOff = new ExponentialBackOff(retry.getInitialInterval().toMillis(),
				retry.getMultiplier());
		backOff.setMaxInterval(retry.getMaxInterval().toMillis());
		backOff.setMaxAttempts(Math.max(0, retry.getMaxAttempts() - 1));
		return backOff;
	}

	private static MqttMessageRecoverer defaultRecoverer(MqttOperations operations, MqttProperties properties) {
		String deadLetterTopic = properties.getListener().getDeadLetterTopic();
		if (StringUtils.hasText(deadLetterTopic)) {
			return new DeadLetterPublishingRecoverer(operations, deadLetterTopic,
					properties.getTemplate().getCompletionTimeout());
		}
		return new LoggingMessageRecoverer();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(name = MqttListenerAnnotationBeanPostProcessor.BEAN_NAME)
	@EnableMqtt
	static class EnableMqttConfiguration {

	}

}
