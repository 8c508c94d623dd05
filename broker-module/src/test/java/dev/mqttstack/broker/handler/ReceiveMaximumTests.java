package dev.mqttstack.broker.handler;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mqttstack.broker.BrokerConfig;
import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.event.BrokerEvents;
import dev.mqttstack.broker.event.Limit;
import dev.mqttstack.broker.store.SessionState;
import dev.mqttstack.broker.store.SessionStore;
import dev.mqttstack.broker.testsupport.HiveMqClients;
import dev.mqttstack.broker.testsupport.RawMqttClient;
import dev.mqttstack.broker.testsupport.TestBrokers;
import dev.mqttstack.broker.testsupport.TestClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker's receive maximum (MQTT 5, 3.2.2.3.3 and 3.3.4): advertised in CONNACK, and
 * a client with more unacknowledged QoS 1/2 publications than that is disconnected with
 * 0x93.
 */
class ReceiveMaximumTests {

	private final List<Limit> limits = new CopyOnWriteArrayList<>();

	/** Started by each test, with its own window. */
	private MqttBroker broker;

	@RegisterExtension
	final TestClients clients = TestClients.thenStopping(() -> this.broker);

	@Test
	void connackAdvertisesTheDefaultReceiveMaximumToARealClient() {
		this.broker = TestBrokers.started();
		Mqtt5BlockingClient client = HiveMqClients.mqtt5(this.broker.port(), "window-reader");
		Mqtt5ConnAck connAck = client.connect();
		try {
			assertThat(connAck.getRestrictions().getReceiveMaximum()).isEqualTo(BrokerConfig.DEFAULTS.receiveMaximum())
				.isEqualTo(256);
		}
		finally {
			client.disconnect();
		}
	}

	@Test
	void qos1PublicationsPastTheWindowWhileAcknowledgementsWaitForTheStoreEndWith0x93() {
		HeldFlushStore store = new HeldFlushStore();
		this.broker = broker(2, store);
		try (RawMqttClient raw = connected("qos1-flooder")) {
			store.hold();
			raw.publish("flood", "1", 1, false, 1);
			raw.publish("flood", "2", 1, false, 2);
			assertThat(raw.poll(java.time.Duration.ofMillis(200))).as("no PUBACK while the store holds them").isNull();
			raw.publish("flood", "3", 1, false, 3);
			assertDisconnectedWith(raw, 0x93);
		}
		finally {
			store.release();
		}
		assertThat(this.limits).contains(Limit.RECEIVE_MAXIMUM);
	}

	@Test
	void qos1PublicationsAcknowledgedAtOnceNeverFillTheWindow() {
		this.broker = broker(2, new HeldFlushStore());
		try (RawMqttClient raw = connected("qos1-steady")) {
			for (int packetId = 1; packetId <= 5; packetId++) {
				raw.publish("steady", "m", 1, false, packetId);
				assertThat(raw.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBACK);
			}
			assertThat(raw.isClosedByBroker()).isFalse();
		}
	}

	@Test
	void aQos2MessageCountsUntilItsPubcompIsSent() {
		this.broker = broker(2, new HeldFlushStore());
		try (RawMqttClient raw = connected("qos2-window")) {
			raw.publish("q2", "1", 2, false, 1);
			raw.publish("q2", "2", 2, false, 2);
			assertThat(raw.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBREC);
			assertThat(raw.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBREC);
			// a re-sent PUBLISH of a message already counted is no new message
			raw.send(MqttMessageBuilders.publish()
				.topicName("q2")
				.payload(io.netty.buffer.Unpooled.copiedBuffer(new byte[] { '2' }))
				.qos(io.netty.handler.codec.mqtt.MqttQoS.EXACTLY_ONCE)
				.messageId(2)
				.build());
			assertThat(raw.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBREC);
			raw.send(PublishHandlerTests.ack(MqttMessageType.PUBREL, 1));
			assertThat(raw.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBCOMP);
			raw.publish("q2", "3", 2, false, 3);
			assertThat(raw.receive().fixedHeader().messageType()).as("room again after PUBCOMP")
				.isEqualTo(MqttMessageType.PUBREC);
			raw.publish("q2", "4", 2, false, 4);
			assertDisconnectedWith(raw, 0x93);
		}
	}

	private MqttBroker broker(int receiveMaximum, SessionStore store) {
		MqttBroker broker = TestBrokers.builder()
			.receiveMaximum(receiveMaximum)
			.sessionStore(store)
			.events(new BrokerEvents() {
				@Override
				public void limitReached(Limit limit, String clientId, java.net.SocketAddress remoteAddress) {
					ReceiveMaximumTests.this.limits.add(limit);
				}
			})
			.build();
		broker.start();
		return broker;
	}

	private RawMqttClient connected(String clientId) {
		RawMqttClient raw = RawMqttClient.mqtt5(this.broker.port());
		raw.send(MqttMessageBuilders.connect()
			.clientId(clientId)
			.cleanSession(true)
			.keepAlive(60)
			.protocolVersion(MqttVersion.MQTT_5)
			.properties(new MqttProperties())
			.build());
		assertThat(raw.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.CONNACK);
		return raw;
	}

	private static void assertDisconnectedWith(RawMqttClient raw, int reasonCode) {
		MqttMessage disconnect = raw.receive();
		assertThat(disconnect.fixedHeader().messageType()).isEqualTo(MqttMessageType.DISCONNECT);
		assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode())
			.isEqualTo((byte) reasonCode);
		await().until(raw::isClosedByBroker);
	}

	/**
	 * A session store that keeps nothing and whose flush can be held back, as a slow
	 * database would: acknowledgements wait for it.
	 */
	static final class HeldFlushStore implements SessionStore {

		private volatile CompletableFuture<Void> flush = CompletableFuture.completedFuture(null);

		void hold() {
			this.flush = new CompletableFuture<>();
		}

		void release() {
			this.flush.complete(null);
		}

		@Override
		public Collection<SessionState> loadAll() {
			return List.of();
		}

		@Override
		public void save(SessionState state) {
		}

		@Override
		public void remove(String clientId) {
		}

		@Override
		public CompletionStage<Void> flush() {
			return this.flush;
		}

	}

}
