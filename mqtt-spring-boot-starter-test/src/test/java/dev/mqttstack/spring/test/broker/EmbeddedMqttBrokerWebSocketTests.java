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
 * Tests of {@link EmbeddedMqttBroker.Transport#WEBSOCKET}: a real HiveMQ client publishes
 * over WebSocket, the Paho-backed inbox receives over WebSocket.
 */
@ExtendWith(EmbeddedMqttBrokerExtension.class)
@EmbeddedMqttBroker(transport = Transport.WEBSOCKET)
class EmbeddedMqttBrokerWebSocketTests {

	@Test
	void clientsConnectOverWebSocket(EmbeddedMqttBrokerServer server) {
		assertThat(server.getUrl()).isEqualTo("ws://127.0.0.1:" + server.getPort() + "/mqtt");
		TransportChecks.publishAndReceive(server,
				Mqtt5Client.builder().webSocketConfig().serverPath("mqtt").applyWebSocketConfig());
	}

}
