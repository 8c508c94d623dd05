/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.autoconfigure;

import java.net.URI;

import dev.mqttstack.spring.connection.MqttClientConnection;
import dev.mqttstack.spring.core.MqttTemplate;
import dev.mqttstack.spring.test.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests of TLS through a Spring Boot SSL bundle only: one an
 * {@link MqttConnectionDetails} bean supplies, and {@code mqtt.ssl.bundle} with host and
 * port instead of a URL, against Mosquitto's TLS listener.
 */
class MqttConnectionDetailsSslIntegrationTests {

	@RegisterExtension
	static final MosquittoBroker mosquitto = MosquittoBroker.withTls();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MqttAutoConfiguration.class))
		.withPropertyValues("mqtt.connection-timeout=5s", "mqtt.template.completion-timeout=5s");

	@Test
	void connectionDetailsSupplyTheSslBundle() {
		URI tls = URI.create(mosquitto.getTlsUrl());
		SslBundle bundle = SslBundle
			.of(new PemSslStoreBundle(null, PemSslStoreDetails.forCertificate("file:" + mosquitto.getCertificate())));
		MqttConnectionDetails details = new MqttConnectionDetails() {

			@Override
			public String getUrl() {
				return "mqtts://" + tls.getHost() + ":" + tls.getPort();
			}

			@Override
			public SslBundle getSslBundle() {
				return bundle;
			}

		};
		this.contextRunner.withBean(MqttConnectionDetails.class, () -> details).run((context) -> {
			assertThat(context.getBean(MqttClientConnection.class).isConnected()).isTrue();
			context.getBean(MqttTemplate.class).send("tls/details", "secret").join();
		});
	}

	@Test
	void sslBundlePropertyWithHostAndPortConnectsOverTls() {
		URI tls = URI.create(mosquitto.getTlsUrl());
		this.contextRunner
			.withPropertyValues("mqtt.host=" + tls.getHost(), "mqtt.port=" + tls.getPort(), "mqtt.ssl.bundle=mqtt",
					"spring.ssl.bundle.pem.mqtt.truststore.certificate=file:" + mosquitto.getCertificate())
			.withConfiguration(
					AutoConfigurations.of(org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration.class))
			.run((context) -> {
				MqttClientConnection connection = context.getBean(MqttClientConnection.class);
				assertThat(connection.getUrl()).isEqualTo("mqtts://" + tls.getHost() + ":" + tls.getPort());
				assertThat(connection.isConnected()).isTrue();
			});
	}

}
