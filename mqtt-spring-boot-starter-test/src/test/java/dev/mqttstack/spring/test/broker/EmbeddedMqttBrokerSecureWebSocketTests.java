/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.test.broker;

import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import dev.mqttstack.spring.test.broker.EmbeddedMqttBroker.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link EmbeddedMqttBroker.Transport#WEBSOCKET_TLS}: both clients over
 * WebSocket over TLS.
 */
@ExtendWith(EmbeddedMqttBrokerExtension.class)
@EmbeddedMqttBroker(transport = Transport.WEBSOCKET_TLS)
class EmbeddedMqttBrokerSecureWebSocketTests {

	@Test
	void clientsConnectOverSecureWebSocket(EmbeddedMqttBrokerServer server) throws Exception {
		assertThat(server.getUrl()).isEqualTo("wss://127.0.0.1:" + server.getPort() + "/mqtt");
		TransportChecks.publishAndReceive(server,
				Mqtt5Client.builder()
					.sslConfig()
					.trustManagerFactory(TransportChecks.trusting(server))
					.applySslConfig()
					.webSocketConfig()
					.serverPath("mqtt")
					.applyWebSocketConfig());
	}

}
