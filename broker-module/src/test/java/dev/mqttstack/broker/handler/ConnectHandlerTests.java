package dev.mqttstack.broker.handler;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.ReasonCode;
import dev.mqttstack.broker.event.BrokerEvents;
import dev.mqttstack.broker.event.DisconnectReason;
import dev.mqttstack.broker.security.AuthenticationResult;
import dev.mqttstack.broker.security.Authorizer;
import dev.mqttstack.broker.testsupport.Inbox;
import dev.mqttstack.broker.testsupport.PahoClients;
import dev.mqttstack.broker.testsupport.RawMqttClient;
import dev.mqttstack.broker.testsupport.TestBrokers;
import dev.mqttstack.broker.testsupport.TestClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class ConnectHandlerTests {

	/** Started by each test, with its own settings. */
	private MqttBroker broker;

	@RegisterExtension
	final TestClients clients = TestClients.thenStopping(() -> this.broker);

	@Test
	void unsupportedProtocolLevelIsRefusedWithReturnCode1() {
		this.broker = TestBrokers.started();
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			raw.sendBytes(connectBytes("MQTT", 6, 0x02, "c1"));
			MqttConnAckMessage connAck = (MqttConnAckMessage) raw.receive();
			assertThat(connAck.variableHeader().connectReturnCode().byteValue()).isEqualTo((byte) 0x01);
			await().until(raw::isClosedByBroker);
		}
	}

	@Test
	void reservedConnectFlagClosesTheConnection() {
		this.broker = TestBrokers.started();
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			raw.sendBytes(connectBytes("MQTT", 4, 0x03, "c1"));
			await().until(raw::isClosedByBroker);
			assertThat(this.broker.clients()).isEmpty();
		}
	}

	@Test
	void willQosWithoutWillFlagClosesTheConnection() {
		this.broker = TestBrokers.started();
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			raw.sendBytes(connectBytes("MQTT", 4, 0x02 | 0x08, "c1"));
			await().until(raw::isClosedByBroker);
			assertThat(this.broker.clients()).isEmpty();
		}
	}

	@Test
	void nullCharacterInTheClientIdClosesTheConnection() {
		this.broker = TestBrokers.started();
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			raw.sendBytes(connectBytes("MQTT", 4, 0x02, "bad\u0000id"));
			await().until(raw::isClosedByBroker);
			assertThat(this.broker.clients()).isEmpty();
		}
	}

	@Test
	void passwordWithoutUserNameClosesTheConnection() {
		this.broker = TestBrokers.started();
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			raw.sendBytes(connectBytes("MQTT", 4, 0x02 | 0x40, "c1", new byte[] { 0, 2, 'p', 'w' }));
			await().until(raw::isClosedByBroker);
		}
	}

	@Test
	void emptyClientIdWithCleanSessionGetsAnAssignedId() {
		this.broker = TestBrokers.started();
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			raw.connect("", true, 60, 0);
			assertThat(this.broker.clients()).singleElement()
				.satisfies((client) -> assertThat(client.clientId()).startsWith("auto-"));
		}
	}

	@Test
	void emptyClientIdWithPersistentSessionIsRefusedWithReturnCode2() {
		this.broker = TestBrokers.started();
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			raw.connect("", false, 60, 2);
			await().until(raw::isClosedByBroker);
		}
	}

	@Test
	void firstPacketOtherThanConnectClosesTheConnection() {
		this.broker = TestBrokers.started();
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			raw.sendBytes(new byte[] { (byte) 0xC0, 0x00 });
			await().until(raw::isClosedByBroker);
			assertThat(raw.poll(Duration.ZERO)).isNull();
		}
	}

	@Test
	void secondConnectClosesTheConnection() {
		this.broker = TestBrokers.started();
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			raw.connect("twice", true, 60, 0);
			raw.sendBytes(connectBytes("MQTT", 4, 0x02, "twice"));
			await().until(raw::isClosedByBroker);
		}
	}

	@Test
	void packetsSentRightAfterConnectAreHandledAfterConnack() {
		CompletableFuture<AuthenticationResult> decision = new CompletableFuture<>();
		this.broker = TestBrokers.builder().authenticator((request) -> decision).build();
		this.broker.start();
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			byte[] connect = connectBytes("MQTT", 4, 0x02, "eager");
			byte[] subscribe = { (byte) 0x82, 6, 0, 1, 0, 1, 'a', 0 };
			byte[] both = new byte[connect.length + subscribe.length];
			System.arraycopy(connect, 0, both, 0, connect.length);
			System.arraycopy(subscribe, 0, both, connect.length, subscribe.length);
			raw.sendBytes(both);
			assertThat(raw.poll(Duration.ofMillis(200))).as("nothing before authentication").isNull();
			decision.complete(AuthenticationResult.accept());
			assertThat(raw.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.CONNACK);
			assertThat(raw.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.SUBACK);
		}
	}

	@Test
	void mqtt31ClientsConnect() throws MqttException {
		this.broker = TestBrokers.started();
		MqttClient client = PahoClients.connect(this.broker, "old-client",
				(options) -> options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1));
		try {
			assertThat(this.broker.clients()).singleElement()
				.satisfies((info) -> assertThat(info.protocolVersion()).isEqualTo(3));
		}
		finally {
			PahoClients.closeQuietly(client);
		}
	}

	@Test
	void secondConnectionWithTheSameClientIdTakesOverAndPublishesTheOldWill() throws MqttException {
		List<DisconnectReason> reasons = new CopyOnWriteArrayList<>();
		this.broker = TestBrokers.builder().events(new BrokerEvents() {
			@Override
			public void clientDisconnected(ClientInfo client, DisconnectReason reason) {
				reasons.add(reason);
			}
		}).build();
		this.broker.start();
		MqttClient watcher = PahoClients.connect(this.broker, "watcher");
		Inbox wills = new Inbox();
		watcher.subscribe("wills/#", 1, wills);
		MqttClient first = PahoClients.connect(this.broker, "device-1",
				(options) -> options.setWill("wills/device-1", "gone".getBytes(StandardCharsets.UTF_8), 1, false));
		MqttClient second = PahoClients.connect(this.broker, "device-1");
		try {
			await().until(() -> !first.isConnected());
			assertThat(second.isConnected()).isTrue();
			assertThat(wills.awaitCount(1)).extracting(Inbox.Received::text).containsExactly("gone");
			assertThat(reasons).contains(DisconnectReason.SESSION_TAKEN_OVER);
			assertThat(this.broker.clients()).extracting(ClientInfo::clientId)
				.containsExactlyInAnyOrder("watcher", "device-1");
		}
		finally {
			PahoClients.closeQuietly(watcher, first, second);
		}
	}

	@Test
	void authenticatorDecidesAndItsAttributesReachTheAuthorizer() throws MqttException {
		List<Object> seenRoles = new CopyOnWriteArrayList<>();
		this.broker = TestBrokers.builder().authenticator((request) -> {
			boolean ok = "alice".equals(request.username()) && request.password() != null
					&& "secret".equals(new String(request.password(), StandardCharsets.UTF_8));
			return CompletableFuture.supplyAsync(() -> ok ? AuthenticationResult.accept(Map.of("role", "sensor"))
					: AuthenticationResult.refuse(ReasonCode.BAD_USER_NAME_OR_PASSWORD));
		}).authorizer(new Authorizer() {
			@Override
			public boolean canSubscribe(ClientInfo client, String topicFilter, int qos) {
				seenRoles.add(client.attribute("role"));
				return true;
			}
		}).build();
		this.broker.start();
		assertThatExceptionOfType(MqttException.class)
			.isThrownBy(() -> PahoClients.create(this.broker, "intruder").connect(PahoClients.options((options) -> {
				options.setUserName("alice");
				options.setPassword("wrong".toCharArray());
			})))
			.satisfies((ex) -> assertThat(ex.getReasonCode()).isEqualTo(4));
		MqttClient alice = PahoClients.connect(this.broker, "alice-1", (options) -> {
			options.setUserName("alice");
			options.setPassword("secret".toCharArray());
		});
		try {
			alice.subscribe("x", 0);
			assertThat(seenRoles).containsExactly("sensor");
		}
		finally {
			PahoClients.closeQuietly(alice);
		}
	}

	@Test
	void failingAuthenticatorRefusesWithServerUnavailable() {
		this.broker = TestBrokers.builder()
			.authenticator((request) -> CompletableFuture.failedFuture(new IllegalStateException("database down")))
			.build();
		this.broker.start();
		assertThatExceptionOfType(MqttException.class)
			.isThrownBy(() -> PahoClients.create(this.broker, "c").connect(PahoClients.options((options) -> {
			})))
			.satisfies((ex) -> assertThat(ex.getReasonCode()).isEqualTo(3));
	}

	@Test
	void willOnAnUnauthorizedTopicIsRefused() {
		this.broker = TestBrokers.builder().authorizer(new Authorizer() {
			@Override
			public boolean canPublish(ClientInfo client, String topic, int qos, boolean retain) {
				return !topic.startsWith("secret/");
			}
		}).build();
		this.broker.start();
		assertThatExceptionOfType(MqttException.class)
			.isThrownBy(() -> PahoClients.create(this.broker, "c")
				.connect(PahoClients
					.options((options) -> options.setWill("secret/w", "x".getBytes(StandardCharsets.UTF_8), 0, false))))
			.satisfies((ex) -> assertThat(ex.getReasonCode()).isEqualTo(5));
	}

	static MqttMessage expectConnAck(RawMqttClient raw) {
		MqttMessage message = raw.receive();
		assertThat(message.fixedHeader().messageType()).isEqualTo(MqttMessageType.CONNACK);
		return message;
	}

	/**
	 * A CONNECT with the given protocol name, level and flags, keep-alive 60 and no will
	 * or credentials.
	 */
	static byte[] connectBytes(String protocolName, int level, int flags, String clientId) {
		return connectBytes(protocolName, level, flags, clientId, new byte[0]);
	}

	/**
	 * A CONNECT as above, with more payload fields (will, user name, password) already
	 * encoded.
	 */
	static byte[] connectBytes(String protocolName, int level, int flags, String clientId, byte[] morePayload) {
		byte[] name = protocolName.getBytes(StandardCharsets.UTF_8);
		byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
		int remaining = 2 + name.length + 1 + 1 + 2 + 2 + id.length + morePayload.length;
		byte[] packet = new byte[2 + remaining];
		int i = 0;
		packet[i++] = 0x10;
		packet[i++] = (byte) remaining;
		packet[i++] = 0;
		packet[i++] = (byte) name.length;
		System.arraycopy(name, 0, packet, i, name.length);
		i += name.length;
		packet[i++] = (byte) level;
		packet[i++] = (byte) flags;
		packet[i++] = 0;
		packet[i++] = 60;
		packet[i++] = 0;
		packet[i++] = (byte) id.length;
		System.arraycopy(id, 0, packet, i, id.length);
		System.arraycopy(morePayload, 0, packet, i + id.length, morePayload.length);
		return packet;
	}

}
