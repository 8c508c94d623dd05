package dev.mqttstack.broker.transport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.event.BrokerEvents;
import dev.mqttstack.broker.event.DisconnectReason;
import dev.mqttstack.broker.testsupport.BrokerExtension;
import dev.mqttstack.broker.testsupport.ManualBrokerClock;
import dev.mqttstack.broker.testsupport.RawMqttClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Keep-alive and CONNECT timeout on the broker's clock: minutes of silence tested in
 * milliseconds by advancing a {@link ManualBrokerClock}. The real-time end-to-end checks
 * stay in {@code LifecycleHandlerTests}.
 */
class KeepAliveTests {

	private final ManualBrokerClock clock = new ManualBrokerClock();

	private final List<DisconnectReason> reasons = new CopyOnWriteArrayList<>();

	@RegisterExtension
	final BrokerExtension broker = BrokerExtension.withConfig(
			(builder) -> builder.clock(this.clock).connectTimeout(Duration.ofSeconds(20)).events(new BrokerEvents() {
				@Override
				public void clientDisconnected(ClientInfo client, DisconnectReason reason) {
					KeepAliveTests.this.reasons.add(reason);
				}
			}));

	@Test
	void silenceForOneAndAHalfKeepAlivesClosesTheConnectionAndNotBefore() {
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			raw.connect("sleepy", true, 60, 0);
			awaitOneTimer();
			this.clock.advance(Duration.ofSeconds(89));
			assertThat(raw.poll(Duration.ofMillis(100))).isNull();
			assertThat(raw.isClosedByBroker()).isFalse();
			this.clock.advance(Duration.ofSeconds(2));
			await().until(raw::isClosedByBroker);
		}
		await().until(() -> this.reasons.contains(DisconnectReason.KEEP_ALIVE_TIMEOUT));
	}

	@Test
	void everyPacketStartsTheKeepAliveAgain() {
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			raw.connect("pinger", true, 60, 0);
			awaitOneTimer();
			for (int i = 0; i < 5; i++) {
				this.clock.advance(Duration.ofSeconds(80));
				raw.send(pingreq());
				assertThat(raw.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.PINGRESP);
			}
			this.clock.advance(Duration.ofSeconds(89));
			assertThat(raw.isClosedByBroker()).as("400 s of pings, then 89 s of silence").isFalse();
			this.clock.advance(Duration.ofSeconds(2));
			await().until(raw::isClosedByBroker);
		}
	}

	@Test
	void aSocketThatSendsNoConnectIsClosedAfterTheConnectTimeout() {
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			awaitOneTimer();
			this.clock.advance(Duration.ofSeconds(19));
			assertThat(raw.isClosedByBroker()).isFalse();
			this.clock.advance(Duration.ofSeconds(2));
			await().until(raw::isClosedByBroker);
		}
	}

	@Test
	void keepAliveZeroMeansNoTimer() {
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			raw.connect("forever", true, 0, 0);
			await().until(() -> this.clock.scheduledTasks() == 0);
			this.clock.advance(Duration.ofDays(1));
			raw.send(pingreq());
			assertThat(raw.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.PINGRESP);
		}
	}

	private void awaitOneTimer() {
		await().until(() -> this.clock.scheduledTasks() == 1);
	}

	private static MqttMessage pingreq() {
		return new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGREQ, false, MqttQoS.AT_MOST_ONCE, false, 0));
	}

}
