package dev.mqttstack.admin.user;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.mqttstack.admin.AdminServiceTest;
import dev.mqttstack.admin.ApiClient;
import dev.mqttstack.broker.MqttBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 100 parallel wrong CONNECTs from real MQTT 5 clients while the owner connects from
 * elsewhere.
 */
@AdminServiceTest
class MqttLoginThrottlingTests {

	@LocalServerPort
	private int httpPort;

	@Autowired
	private MqttBroker broker;

	@Autowired
	private ThreadPoolExecutor mqttAuthenticationExecutor;

	@Test
	void parallelWrongConnectsAreThrottledBeforeHashingAndTheOwnerElsewhereConnects() throws Exception {
		assertThat(ApiClient.on(this.httpPort).asAdmin().post("/api/v1/users", """
				{"username":"mqtt-guessed","password":"the-real-password"}""").status()).isEqualTo(201);
		long hashesBefore = this.mqttAuthenticationExecutor.getTaskCount();
		List<CompletableFuture<Mqtt5ConnAckReasonCode>> attack = new ArrayList<>();
		List<Mqtt5AsyncClient> clients = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			Mqtt5AsyncClient client = client("127.0.0.1");
			clients.add(client);
			attack.add(client.connectWith()
				.simpleAuth()
				.username("mqtt-guessed")
				.password(("guess-" + i).getBytes(StandardCharsets.UTF_8))
				.applySimpleAuth()
				.send()
				.handle((ack, ex) -> (ex instanceof Mqtt5ConnAckException refused)
						? refused.getMqttMessage().getReasonCode()
						: (ack != null) ? ack.getReasonCode() : Mqtt5ConnAckReasonCode.UNSPECIFIED_ERROR));
		}
		Mqtt5AsyncClient owner = client("127.0.0.2");
		Mqtt5ConnAckReasonCode ownerResult = owner.connectWith()
			.simpleAuth()
			.username("mqtt-guessed")
			.password("the-real-password".getBytes(StandardCharsets.UTF_8))
			.applySimpleAuth()
			.send()
			.get(20, TimeUnit.SECONDS)
			.getReasonCode();
		assertThat(ownerResult).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
		owner.disconnect().get(10, TimeUnit.SECONDS);
		List<Mqtt5ConnAckReasonCode> results = new ArrayList<>();
		for (CompletableFuture<Mqtt5ConnAckReasonCode> result : attack) {
			results.add(result.get(30, TimeUnit.SECONDS));
		}
		assertThat(results).filteredOn(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED::equals)
			.hasSizeLessThanOrEqualTo(5)
			.isNotEmpty();
		assertThat(results).isSubsetOf(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED,
				Mqtt5ConnAckReasonCode.CONNECTION_RATE_EXCEEDED, Mqtt5ConnAckReasonCode.SERVER_BUSY);
		// one hash for each checked guess and one for the owner: the other 95+ cost none
		assertThat(this.mqttAuthenticationExecutor.getTaskCount() - hashesBefore).isLessThanOrEqualTo(6);
	}

	private Mqtt5AsyncClient client(String localAddress) {
		return Mqtt5Client.builder()
			.identifier("throttle-" + UUID.randomUUID())
			.serverHost("127.0.0.1")
			.serverPort(this.broker.port())
			.transportConfig()
			.localAddress(new InetSocketAddress(localAddress, 0))
			.applyTransportConfig()
			.buildAsync();
	}

}
