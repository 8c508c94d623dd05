/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.test.broker;

import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.io.InputStream;
import java.nio.file.Files;

import javax.net.ssl.TrustManagerFactory;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import dev.mqttstack.spring.test.inbox.MqttTestInbox;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks shared by the transport tests: trust of the broker's certificate and a publish
 * by a real HiveMQ client that the Paho-backed {@link MqttTestInbox} receives.
 */
final class TransportChecks {

	private TransportChecks() {
	}

	static TrustManagerFactory trusting(EmbeddedMqttBrokerServer server) throws Exception {
		KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
		trust.load(null, null);
		try (InputStream in = Files.newInputStream(server.getCertificate())) {
			trust.setCertificateEntry("broker", CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(trust);
		return factory;
	}

	static void publishAndReceive(EmbeddedMqttBrokerServer server, Mqtt5ClientBuilder publisher) {
		try (MqttTestInbox inbox = MqttTestInbox.subscribe(server, "transport/#")) {
			Mqtt5BlockingClient client = publisher.serverHost(server.getHost())
				.serverPort(server.getPort())
				.buildBlocking();
			client.connect();
			try {
				client.publishWith()
					.topic("transport/" + server.getTransport())
					.qos(MqttQos.EXACTLY_ONCE)
					.payload(("over " + server.getTransport()).getBytes(StandardCharsets.UTF_8))
					.send();
			}
			finally {
				client.disconnect();
			}
			assertThat(inbox.awaitMessage("transport/" + server.getTransport()).payloadAsString())
				.isEqualTo("over " + server.getTransport());
		}
	}

}
