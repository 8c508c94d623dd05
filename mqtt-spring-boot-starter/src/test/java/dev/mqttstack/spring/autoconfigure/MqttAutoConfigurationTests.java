/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.autoconfigure;

import dev.mqttstack.spring.config.DefaultMqttListenerContainerFactory;
import dev.mqttstack.spring.config.MqttListenerEndpointRegistry;
import dev.mqttstack.spring.connection.MqttClientConnection;
import dev.mqttstack.spring.core.MqttOperations;
import dev.mqttstack.spring.core.MqttTemplate;
import dev.mqttstack.spring.listener.DeadLetterPublishingRecoverer;
import dev.mqttstack.spring.listener.LoggingMessageRecoverer;
import dev.mqttstack.spring.support.MqttPayloadConverter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.backoff.BackOffExecution;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MqttAutoConfiguration}; nothing listens on the configured port, so no
 * broker is involved.
 */
class MqttAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MqttAutoConfiguration.class))
		.withPropertyValues("mqtt.url=tcp://127.0.0.1:1", "mqtt.connection-timeout=1s",
				"mqtt.automatic-reconnect=false");

	@Test
	void defaultBeansAreCreated() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(MqttClientConnection.class)
				.hasSingleBean(MqttTemplate.class)
				.hasSingleBean(MqttPayloadConverter.class)
				.hasSingleBean(MqttListenerEndpointRegistry.class)
				.hasSingleBean(DefaultMqttListenerContainerFactory.class)
				.hasSingleBean(MqttConnectionDetails.class);
			assertThat(context.getBean(MqttClientConnection.class).getProtocolVersion()).isEqualTo(5);
		});
	}

	@Test
	void defaultClientIdIsApplicationNameWithRandomSuffix() {
		this.contextRunner.withPropertyValues("spring.application.name=orders").run((context) -> {
			String clientId = context.getBean(MqttClientConnection.class).getClientId();
			assertThat(clientId).startsWith("orders-").hasSizeGreaterThan("orders-".length() + 8);
		});
	}

	@Test
	void configuredClientIdIsUsed() {
		this.contextRunner.withPropertyValues("mqtt.client-id=fixed")
			.run((context) -> assertThat(context.getBean(MqttClientConnection.class).getClientId()).isEqualTo("fixed"));
	}

	@Test
	void protocolVersion3SelectsMqtt311Client() {
		this.contextRunner.withPropertyValues("mqtt.protocol-version=3")
			.run((context) -> assertThat(context.getBean(MqttClientConnection.class).getProtocolVersion())
				.isEqualTo(3));
	}

	@Test
	void unsupportedProtocolVersionFailsStartup() {
		this.contextRunner.withPropertyValues("mqtt.protocol-version=4.5")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void retryBackOffFollowsProperties() {
		this.contextRunner
			.withPropertyValues("mqtt.listener.retry.max-attempts=3", "mqtt.listener.retry.initial-interval=100ms",
					"mqtt.listener.retry.multiplier=3", "mqtt.listener.retry.max-interval=200ms")
			.run((context) -> {
				BackOffExecution execution = context.getBean(DefaultMqttListenerContainerFactory.class)
					.getBackOff()
					.start();
				assertThat(execution.nextBackOff()).isEqualTo(100);
				assertThat(execution.nextBackOff()).isEqualTo(200);
				assertThat(execution.nextBackOff()).isEqualTo(BackOffExecution.STOP);
			});
	}

	@Test
	void maxAttemptsOfOneDisablesRetries() {
		this.contextRunner.withPropertyValues("mqtt.listener.retry.max-attempts=1")
			.run((context) -> assertThat(
					context.getBean(DefaultMqttListenerContainerFactory.class).getBackOff().start().nextBackOff())
				.isEqualTo(BackOffExecution.STOP));
	}

	@Test
	void deadLetterTopicSelectsPublishingRecoverer() {
		this.contextRunner.withPropertyValues("mqtt.listener.dead-letter-topic=dlt")
			.run((context) -> assertThat(context.getBean(DefaultMqttListenerContainerFactory.class).getRecoverer())
				.isInstanceOf(DeadLetterPublishingRecoverer.class));
	}

	@Test
	void withoutDeadLetterTopicFailuresAreLogged() {
		this.contextRunner
			.run((context) -> assertThat(context.getBean(DefaultMqttListenerContainerFactory.class).getRecoverer())
				.isInstanceOf(LoggingMessageRecoverer.class));
	}

	@Test
	void settingsCustomizerIsApplied() {
		this.contextRunner
			.withBean(MqttClientSettingsCustomizer.class, () -> (settings) -> settings.setClientId("customized"))
			.run((context) -> assertThat(context.getBean(MqttClientConnection.class).getClientId())
				.isEqualTo("customized"));
	}

	@Test
	void connectionDetailsBeanOverridesUrl() {
		this.contextRunner.withBean(MqttConnectionDetails.class, () -> () -> "tcp://127.0.0.1:2")
			.run((context) -> assertThat(context.getBean(MqttClientConnection.class).getUrl())
				.isEqualTo("tcp://127.0.0.1:2"));
	}

	@Test
	void userTemplateMakesAutoConfiguredOneBackOff() {
		this.contextRunner.withUserConfiguration(UserTemplateConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(MqttOperations.class);
			assertThat(context.getBean(MqttOperations.class)).isSameAs(context.getBean("customTemplate"));
		});
	}

	@Test
	void healthIndicatorReportsDownWhileDisconnected() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(MqttHealthContributorAutoConfiguration.class))
			.run((context) -> assertThat(context.getBean(MqttHealthIndicator.class).health(false).getStatus().getCode())
				.isEqualTo("DOWN"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserTemplateConfiguration {

		@Bean
		MqttTemplate customTemplate(MqttClientConnection connection, MqttPayloadConverter converter) {
			return new MqttTemplate(connection, converter);
		}

	}

}
