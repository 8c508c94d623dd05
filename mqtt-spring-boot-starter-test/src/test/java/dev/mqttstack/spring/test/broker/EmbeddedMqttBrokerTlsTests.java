/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.test.broker;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import dev.mqttstack.spring.test.broker.EmbeddedMqttBroker.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests of {@link EmbeddedMqttBroker.Transport#TLS}: a real HiveMQ client trusting the
 * broker's certificate publishes over TLS, others are not served.
 */
@ExtendWith(EmbeddedMqttBrokerExtension.class)
@EmbeddedMqttBroker(transport = Transport.TLS)
class EmbeddedMqttBrokerTlsTests {

	@Test
	void clientsTrustingTheBrokersCertificateConnectOverTls(EmbeddedMqttBrokerServer server) throws Exception {
		assertThat(server.getUrl()).isEqualTo("mqtts://127.0.0.1:" + server.getPort());
		TransportChecks.publishAndReceive(server,
				Mqtt5Client.builder()
					.sslConfig()
					.trustManagerFactory(TransportChecks.trusting(server))
					.applySslConfig());
	}

	@Test
	void plainClientsAreNotServed(EmbeddedMqttBrokerServer server) {
		Mqtt5BlockingClient plain = Mqtt5Client.builder()
			.serverHost(server.getHost())
			.serverPort(server.getPort())
			.buildBlocking();
		assertThatException().isThrownBy(plain::connect);
	}

	@Test
	void clientsNotTrustingTheCertificateAreRefused(EmbeddedMqttBrokerServer server) {
		Mqtt5BlockingClient untrusting = Mqtt5Client.builder()
			.serverHost(server.getHost())
			.serverPort(server.getPort())
			.sslWithDefaultConfig()
			.buildBlocking();
		assertThatException().isThrownBy(untrusting::connect);
	}

	@Test
	void certificateFilesAreDeletedWhenTheBrokerStops() {
		EmbeddedMqttBrokerServer another = EmbeddedMqttBrokerServer
			.start(EmbeddedMqttBrokerTlsTests.class.getAnnotation(EmbeddedMqttBroker.class));
		java.nio.file.Path certificate = another.getCertificate();
		assertThat(certificate).exists();
		another.close();
		assertThat(certificate).doesNotExist();
		assertThat(another.getBroker().isRunning()).isFalse();
	}

}
