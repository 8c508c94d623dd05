package dev.mqttstack.broker.handler;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.event.BrokerEvents;
import dev.mqttstack.broker.event.DisconnectReason;
import dev.mqttstack.broker.testsupport.BrokerExtension;
import dev.mqttstack.broker.testsupport.Inbox;
import dev.mqttstack.broker.testsupport.PahoClients;
import dev.mqttstack.broker.testsupport.RawMqttClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LifecycleHandlerTests {

	private final List<DisconnectReason> reasons = new CopyOnWriteArrayList<>();

	@RegisterExtension
	final BrokerExtension brokerExtension = BrokerExtension.withConfig((builder) -> builder.events(new BrokerEvents() {
		@Override
		public void clientDisconnected(ClientInfo client, DisconnectReason reason) {
			LifecycleHandlerTests.this.reasons.add(reason);
		}
	}));

	private MqttBroker broker;

	private MqttClient watcher;

	private final Inbox wills = new Inbox();

	@BeforeEach
	void start() throws MqttException {
		this.broker = this.brokerExtension.broker();
		this.watcher = this.brokerExtension.paho("watcher");
		this.watcher.subscribe("will/#", 2, this.wills);
	}

	@Test
	void pingreqIsAnsweredWithPingresp() {
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			raw.connect("pinger", true, 60, 0);
			raw.send(new MqttMessage(
					new MqttFixedHeader(MqttMessageType.PINGREQ, false, MqttQoS.AT_MOST_ONCE, false, 0)));
			assertThat(raw.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.PINGRESP);
		}
	}

	@Test
	void silenceForOneAndAHalfKeepAlivesClosesTheConnectionAndPublishesTheWill() {
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			long started = System.nanoTime();
			connectWithWill(raw, "sleepy", 1, "will/sleepy", 1, false);
			await().atMost(Duration.ofSeconds(5)).until(raw::isClosedByBroker);
			long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
			assertThat(elapsedMillis).as("closed after 1.5 x keep-alive, not before").isGreaterThanOrEqualTo(1400);
		}
		assertThat(this.wills.awaitCount(1)).singleElement().satisfies((will) -> {
			assertThat(will.text()).isEqualTo("bye from will/sleepy");
			assertThat(will.qos()).isEqualTo(1);
		});
		await().until(() -> this.reasons.contains(DisconnectReason.KEEP_ALIVE_TIMEOUT));
	}

	@Test
	void pingsKeepAConnectionAlive() {
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			connectWithWill(raw, "pinging", 1, "will/pinging", 0, false);
			long until = System.nanoTime() + Duration.ofMillis(2500).toNanos();
			while (System.nanoTime() < until) {
				raw.send(new MqttMessage(
						new MqttFixedHeader(MqttMessageType.PINGREQ, false, MqttQoS.AT_MOST_ONCE, false, 0)));
				assertThat(raw.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.PINGRESP);
				assertThat(raw.poll(Duration.ofMillis(500))).isNull();
			}
			assertThat(raw.isClosedByBroker()).isFalse();
		}
	}

	@Test
	void abnormalSocketCloseIsALostConnectionThatPublishesTheRetainedWill() throws MqttException {
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			connectWithWill(raw, "crasher", 60, "will/crasher", 2, true);
		}
		assertThat(this.wills.awaitCount(1)).singleElement().satisfies((will) -> assertThat(will.qos()).isEqualTo(2));
		await().until(() -> this.reasons.contains(DisconnectReason.CONNECTION_LOST));
		MqttClient late = PahoClients.connect(this.broker, "late");
		try {
			Inbox retained = new Inbox();
			late.subscribe("will/crasher", 1, retained);
			assertThat(retained.awaitCount(1)).singleElement().satisfies((will) -> {
				assertThat(will.retained()).isTrue();
				assertThat(will.text()).isEqualTo("bye from will/crasher");
			});
		}
		finally {
			PahoClients.closeQuietly(late);
		}
	}

	@Test
	void protocolViolationPublishesTheWill() {
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			connectWithWill(raw, "violator", 60, "will/violator", 0, false);
			raw.sendBytes(ConnectHandlerTests.connectBytes("MQTT", 4, 0x02, "violator"));
			await().until(raw::isClosedByBroker);
		}
		assertThat(this.wills.awaitCount(1)).extracting(Inbox.Received::topic).containsExactly("will/violator");
		await().until(() -> this.reasons.contains(DisconnectReason.PROTOCOL_ERROR));
	}

	@Test
	void disconnectDiscardsTheWill() throws MqttException {
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			connectWithWill(raw, "polite", 60, "will/polite", 0, false);
			raw.send(new MqttMessage(
					new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0)));
			await().until(raw::isClosedByBroker);
		}
		await().until(() -> this.reasons.contains(DisconnectReason.CLIENT_DISCONNECTED));
		this.watcher.publish("will/marker", "marker".getBytes(StandardCharsets.UTF_8), 2, false);
		assertThat(this.wills.awaitCount(1)).extracting(Inbox.Received::text).containsExactly("marker");
	}

	@Test
	void administrativeDisconnectPublishesTheWill() {
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			connectWithWill(raw, "kicked", 60, "will/kicked", 0, false);
			assertThat(this.broker.disconnectIf((client) -> client.clientId().equals("kicked"))).isEqualTo(1);
			await().until(raw::isClosedByBroker);
		}
		assertThat(this.wills.awaitCount(1)).extracting(Inbox.Received::topic).containsExactly("will/kicked");
	}

	private static void connectWithWill(RawMqttClient raw, String clientId, int keepAlive, String willTopic,
			int willQos, boolean willRetain) {
		raw.send(MqttMessageBuilders.connect()
			.clientId(clientId)
			.cleanSession(true)
			.keepAlive(keepAlive)
			.protocolVersion(MqttVersion.MQTT_3_1_1)
			.willFlag(true)
			.willTopic(willTopic)
			.willMessage(("bye from " + willTopic).getBytes(StandardCharsets.UTF_8))
			.willQoS(MqttQoS.valueOf(willQos))
			.willRetain(willRetain)
			.build());
		assertThat(raw.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.CONNACK);
	}

}
