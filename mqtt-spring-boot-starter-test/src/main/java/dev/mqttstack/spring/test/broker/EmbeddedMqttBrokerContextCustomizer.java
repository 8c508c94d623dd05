/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.test.broker;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.mqttstack.broker.MqttBroker;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts the broker of an {@link EmbeddedMqttBroker} test before its context refreshes,
 * registers it as a bean, adds the connection properties and stops the broker when the
 * context closes.
 */
class EmbeddedMqttBrokerContextCustomizer implements ContextCustomizer {

	/** Bean name of the embedded broker. */
	static final String BEAN_NAME = "embeddedMqttBroker";

	private final int port;

	private final String urlProperty;

	private final int protocolVersion;

	EmbeddedMqttBrokerContextCustomizer(EmbeddedMqttBroker annotation) {
		this.port = annotation.port();
		this.urlProperty = annotation.urlProperty();
		this.protocolVersion = annotation.protocolVersion();
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		MqttBroker broker = MqttBroker.builder().host("127.0.0.1").port(this.port).build();
		broker.start();
		context.getBeanFactory().registerSingleton(BEAN_NAME, broker);
		context.addApplicationListener((event) -> {
			if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
				broker.stop();
			}
		});
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(this.urlProperty, "tcp://127.0.0.1:" + broker.port());
		if (this.protocolVersion > 0) {
			properties.put("mqtt.protocol-version", this.protocolVersion);
		}
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(BEAN_NAME, properties));
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof EmbeddedMqttBrokerContextCustomizer that && this.port == that.port
				&& this.urlProperty.equals(that.urlProperty) && this.protocolVersion == that.protocolVersion;
	}

	@Override
	public int hashCode() {
		return (31 * this.port + this.urlProperty.hashCode()) * 31 + this.protocolVersion;
	}

}
