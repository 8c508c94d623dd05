/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.test.broker;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts the broker of an {@link EmbeddedMqttBroker} test before its context refreshes,
 * registers it as beans, adds the connection properties (URL, protocol version, the first
 * user's credentials, an SSL bundle trusting a TLS broker) and stops the broker when the
 * context closes.
 */
class EmbeddedMqttBrokerContextCustomizer implements ContextCustomizer {

	/** Bean name of the embedded broker. */
	static final String BEAN_NAME = "embeddedMqttBroker";

	/** Bean name of the {@link EmbeddedMqttBrokerServer}. */
	static final String SERVER_BEAN_NAME = "embeddedMqttBrokerServer";

	private final EmbeddedMqttBroker annotation;

	EmbeddedMqttBrokerContextCustomizer(EmbeddedMqttBroker annotation) {
		this.annotation = annotation;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		EmbeddedMqttBrokerServer server = EmbeddedMqttBrokerServer.start(this.annotation);
		context.getBeanFactory().registerSingleton(BEAN_NAME, server.getBroker());
		context.getBeanFactory().registerSingleton(SERVER_BEAN_NAME, server);
		context.addApplicationListener((event) -> {
			if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
				server.close();
			}
		});
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(this.annotation.urlProperty(), server.getUrl());
		if (this.annotation.protocolVersion() > 0) {
			properties.put("mqtt.protocol-version", this.annotation.protocolVersion());
		}
		if (server.getUsername() != null) {
			properties.put("mqtt.username", server.getUsername());
			properties.put("mqtt.password", server.getPassword());
		}
		if (server.getCertificate() != null) {
			properties.put("spring.ssl.bundle.pem." + EmbeddedMqttBrokerServer.SSL_BUNDLE + ".truststore.certificate",
					server.getCertificate().toUri().toString());
			properties.put("mqtt.ssl.bundle", EmbeddedMqttBrokerServer.SSL_BUNDLE);
		}
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(BEAN_NAME, properties));
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof EmbeddedMqttBrokerContextCustomizer that && this.annotation.equals(that.annotation);
	}

	@Override
	public int hashCode() {
		return this.annotation.hashCode();
	}

}
