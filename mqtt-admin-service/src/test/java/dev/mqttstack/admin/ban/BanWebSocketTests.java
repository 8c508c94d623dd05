package dev.mqttstack.admin.ban;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.mqttstack.admin.AdminServiceTest;
import dev.mqttstack.admin.ApiClient;
import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.testsupport.HiveMqClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Bans apply on a WebSocket listener as on the TCP one: refused at CONNECT, kicked at
 * once.
 */
@AdminServiceTest
@TestPropertySource(properties = { "mqtt.broker.listeners.ws.protocol=websocket",
		"mqtt.broker.listeners.ws.host=127.0.0.1", "mqtt.broker.listeners.ws.port=0" })
class BanWebSocketTests {

	private static final String PASSWORD = "ban-ws-pw";

	@LocalServerPort
	private int httpPort;

	@Autowired
	private MqttBroker broker;

	@Test
	void webSocketClientsAreDisconnectedAndRefusedByABan() throws Exception {
		ApiClient api = ApiClient.on(this.httpPort).asAdmin();
		api.post("/api/v1/users", "{\"username\":\"ban-ws-user\",\"password\":\"" + PASSWORD + "\"}");
		CompletableFuture<MqttDisconnectSource> disconnected = new CompletableFuture<>();
		Mqtt5BlockingClient watched = HiveMqClients.mqtt5Builder(this.broker.port("ws"), "ban-ws-1")
			.webSocketConfig()
			.serverPath("mqtt")
			.applyWebSocketConfig()
			.addDisconnectedListener((context) -> disconnected.complete(context.getSource()))
			.buildBlocking();
		connect(watched);
		long id = api.post("/api/v1/banned", "{\"kind\":\"CLIENT_ID\",\"value\":\"ban-ws-1\"}")
			.json()
			.get("id")
			.asLong();
		try {
			assertThat(disconnected.get(10, TimeUnit.SECONDS)).isEqualTo(MqttDisconnectSource.SERVER);
			assertThatExceptionOfType(Mqtt5ConnAckException.class)
				.isThrownBy(() -> connect(webSocketClient("ban-ws-1")))
				.satisfies((refused) -> assertThat(refused.getMqttMessage().getReasonCode())
					.isEqualTo(Mqtt5ConnAckReasonCode.BANNED));
		}
		finally {
			api.delete("/api/v1/banned/" + id);
			HiveMqClients.disconnectQuietly(watched);
		}
	}

	private Mqtt5BlockingClient webSocketClient(String clientId) {
		return HiveMqClients.mqtt5Builder(this.broker.port("ws"), clientId)
			.webSocketConfig()
			.serverPath("mqtt")
			.applyWebSocketConfig()
			.buildBlocking();
	}

	private static void connect(Mqtt5BlockingClient client) {
		client.connectWith()
			.simpleAuth()
			.username("ban-ws-user")
			.password(PASSWORD.getBytes(StandardCharsets.UTF_8))
			.applySimpleAuth()
			.send();
	}

}
