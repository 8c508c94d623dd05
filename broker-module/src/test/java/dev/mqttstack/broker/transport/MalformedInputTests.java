package dev.mqttstack.broker.transport;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.event.BrokerEvents;
import dev.mqttstack.broker.event.DisconnectReason;
import dev.mqttstack.broker.testsupport.BrokerExtension;
import dev.mqttstack.broker.testsupport.Inbox;
import dev.mqttstack.broker.testsupport.RawMqttClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Malformed, truncated, oversized and random input closes only the offending connection,
 * leaks nothing (the test support fails the class on any buffer leak) and leaves the
 * broker serving everyone else.
 */
class MalformedInputTests {

	private final List<DisconnectReason> reasons = new CopyOnWriteArrayList<>();

	@RegisterExtension
	final BrokerExtension brokerExtension = BrokerExtension
		.withConfig((builder) -> builder.maxPacketSize(1024).events(new BrokerEvents() {
			@Override
			public void clientDisconnected(ClientInfo client, DisconnectReason reason) {
				MalformedInputTests.this.reasons.add(reason);
			}
		}));

	private MqttBroker broker;

	private MqttClient bystander;

	private final Inbox inbox = new Inbox();

	@BeforeEach
	void start() throws MqttException {
		this.broker = this.brokerExtension.broker();
		this.bystander = this.brokerExtension.paho("bystander");
		this.bystander.subscribe("#", 1, this.inbox);
	}

	/** Runs before the extension closes the clients and stops the broker. */
	@AfterEach
	void stop() throws MqttException {
		assertBrokerStillServes();
	}

	@Test
	void packetLargerThanTheLimitClosesTheConnection() {
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			raw.connect("big", true, 60, 0);
			raw.publish("big", "x".repeat(2000), 1, false, 1);
			await().until(raw::isClosedByBroker);
		}
		await().until(() -> this.reasons.contains(DisconnectReason.PACKET_TOO_LARGE));
	}

	@Test
	void packetJustUnderTheLimitIsAccepted() {
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			raw.connect("fits", true, 60, 0);
			raw.publish("fits", "y".repeat(1000), 1, false, 1);
			assertThat(raw.receive().fixedHeader().messageType().name()).isEqualTo("PUBACK");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "ff ff ff ff ff 7f", "30 ff ff ff ff 7f", "82 02 00 01", "82 06 00 01 00 01 61 03",
			"20 02 00 00", "e0 01 00", "f0 00", "00 00" })
	void malformedPacketsAfterConnectCloseTheConnectionAndPublishTheWill(String hex) {
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			raw.send(MqttMessageBuilders.connect()
				.clientId("malformed")
				.cleanSession(true)
				.keepAlive(60)
				.protocolVersion(MqttVersion.MQTT_3_1_1)
				.willFlag(true)
				.willTopic("wills/malformed")
				.willMessage("gone".getBytes(StandardCharsets.UTF_8))
				.willQoS(MqttQoS.AT_LEAST_ONCE)
				.build());
			raw.receive();
			raw.sendBytes(bytes(hex));
			await(hex).until(raw::isClosedByBroker);
		}
		await().until(() -> this.inbox.payloads().contains("gone"));
	}

	@Test
	void truncatedPacketsAndAbruptClosesLeaveNothingBehind() {
		for (int cut = 1; cut < 20; cut++) {
			try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
				raw.connect("truncated-" + cut, true, 60, 0);
				byte[] publish = bytes("32 14 00 05 74 2f 61 62 63 00 07 68 65 6c 6c 6f 20 77 6f 72 6c 64");
				byte[] part = new byte[cut];
				System.arraycopy(publish, 0, part, 0, cut);
				raw.sendBytes(part);
			}
		}
		await().until(() -> this.broker.clients().size() == 1);
	}

	@Test
	void randomBytesNeverCrashTheBroker() {
		Random random = new Random(20261122);
		for (int i = 0; i < 100; i++) {
			try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
				if (i % 2 == 0) {
					raw.connect("fuzz-" + i, true, 60, 0);
				}
				byte[] noise = new byte[1 + random.nextInt(300)];
				random.nextBytes(noise);
				raw.sendBytes(noise);
			}
			catch (RuntimeException ex) {
				// the broker may close first; that is a correct answer to noise
			}
		}
		await().until(() -> this.broker.clients().size() == 1);
	}

	private void assertBrokerStillServes() throws MqttException {
		assertThat(this.bystander.isConnected()).as("the bystander kept its connection").isTrue();
		this.bystander.publish("health", "ok".getBytes(StandardCharsets.UTF_8), 1, false);
		await().until(() -> this.inbox.payloads().contains("ok"));
	}

	private static byte[] bytes(String hex) {
		String[] parts = hex.split(" ");
		byte[] bytes = new byte[parts.length];
		for (int i = 0; i < parts.length; i++) {
			bytes[i] = (byte) Integer.parseInt(parts[i], 16);
		}
		return bytes;
	}

}
