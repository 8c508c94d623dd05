package dev.mqttstack.broker;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttConnAck;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.mqttstack.broker.event.DisconnectReason;
import dev.mqttstack.broker.security.AuthenticationResult;
import dev.mqttstack.broker.security.Authenticator;
import dev.mqttstack.broker.testsupport.BrokerExtension;
import dev.mqttstack.broker.testsupport.PahoV5Client;
import dev.mqttstack.broker.testsupport.RawMqttClient;
import dev.mqttstack.broker.testsupport.RecordingEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Connecting and being disconnected as an Eclipse Paho MQTT 5 application sees it: the
 * CONNACK's reason code and properties (capabilities, assigned client identifier, server
 * keep alive), refused CONNECTs, and the reason codes of a DISCONNECT from the broker.
 */
class PahoV5ConnectionInteropTests {

	private static final int MAX_KEEP_ALIVE = 30;

	private final RecordingEvents events = new RecordingEvents();

	@RegisterExtension
	final BrokerExtension brokerExtension = BrokerExtension.withConfig((builder) -> builder.events(this.events)
		.maxPacketSize(65_536)
		.maxKeepAlive(MAX_KEEP_ALIVE)
		.authenticator(refusingSomeUsers()));

	private MqttBroker broker;

	@BeforeEach
	void startBroker() {
		this.broker = this.brokerExtension.broker();
	}

	@Test
	void connackTellsTheApplicationTheBrokersCapabilities() throws MqttException {
		IMqttToken connack = client("curious").connect();
		assertThat(((MqttConnAck) connack.getResponse()).getReturnCode()).isZero();
		assertThat(connack.getSessionPresent()).isFalse();
		MqttProperties properties = connack.getResponseProperties();
		assertThat(properties.getMaximumPacketSize()).isEqualTo(65_536L);
		assertThat(properties.getTopicAliasMaximum()).isEqualTo(10);
		assertThat(properties.getReceiveMaximum()).as("the inbound window the broker keeps").isEqualTo(256);
		assertThat(properties.getMaximumQoS()).as("absent: QoS 2 is supported").isNull();
		assertThat(properties.isRetainAvailable()).isTrue();
		assertThat(properties.isWildcardSubscriptionsAvailable()).isTrue();
		assertThat(properties.isSubscriptionIdentifiersAvailable()).isTrue();
		assertThat(properties.isSharedSubscriptionAvailable()).isTrue();
		assertThat(properties.getAssignedClientIdentifier()).as("the client chose its own").isNull();
		assertThat(properties.getServerKeepAlive()).as("the asked 60 s were over the maximum")
			.isEqualTo(MAX_KEEP_ALIVE);
	}

	@Test
	void clientWithoutIdentifierIsAssignedOne() throws MqttException {
		PahoV5Client anonymous = client("");
		String assigned = anonymous.connect().getResponseProperties().getAssignedClientIdentifier();
		assertThat(assigned).startsWith("auto-");
		assertThat(anonymous.paho().getClientId()).as("Paho adopts it").isEqualTo(assigned);
		assertThat(this.broker.clients()).extracting(ClientInfo::clientId).containsExactly(assigned);
		anonymous.subscribe("to/" + assigned, 1);
		PahoV5Client sender = client("sender");
		sender.connect();
		sender.publish("to/" + assigned, "hello", 1);
		assertThat(anonymous.inbox().awaitCount(1)).extracting((m) -> m.text()).containsExactly("hello");
	}

	@Test
	void serverKeepAliveCapsWhatTheClientAskedForAndReplacesNoKeepAlive() throws MqttException {
		IMqttToken lazy = client("lazy").connect((options) -> options.setKeepAliveInterval(600));
		assertThat(lazy.getResponseProperties().getServerKeepAlive()).isEqualTo(MAX_KEEP_ALIVE);
		IMqttToken never = client("never").connect((options) -> options.setKeepAliveInterval(0));
		assertThat(never.getResponseProperties().getServerKeepAlive()).isEqualTo(MAX_KEEP_ALIVE);
		IMqttToken eager = client("eager").connect((options) -> options.setKeepAliveInterval(10));
		assertThat(eager.getResponseProperties().getServerKeepAlive()).as("within the maximum: not sent").isNull();
		assertThat(this.broker.clients()).extracting((c) -> c.clientId() + " " + c.keepAliveSeconds())
			.containsExactlyInAnyOrder("lazy 30", "never 30", "eager 10");
	}

	@ParameterizedTest(name = "{0} gets {1}")
	@CsvSource({ "wrong-password, 134", "banned, 138", "not-authorized, 135" })
	void refusedConnectFailsWithTheReasonCodeOfTheConnack(String username, int reasonCode) {
		PahoV5Client refused = client("refused-" + username);
		assertThatExceptionOfType(MqttException.class).isThrownBy(() -> refused.connect((options) -> {
			options.setUserName(username);
			options.setPassword("secret".getBytes(StandardCharsets.UTF_8));
		})).satisfies((ex) -> assertThat(ex.getReasonCode()).isEqualTo(reasonCode));
		assertThat(refused.paho().isConnected()).isFalse();
		assertThat(this.broker.clients()).isEmpty();
	}

	@Test
	void unknownAuthenticationMethodIsRefusedWith0x8C() {
		PahoV5Client refused = client("scram");
		assertThatExceptionOfType(MqttException.class)
			.isThrownBy(() -> refused.connect((options) -> options.setAuthMethod("SCRAM-SHA-256")))
			.satisfies((ex) -> assertThat(ex.getReasonCode()).isEqualTo(0x8C));
	}

	/**
	 * The refusing CONNACK carries a reason string, but Paho 1.2.5 throws its
	 * {@code MqttException} before it keeps the CONNACK's properties, so an application
	 * sees only the reason code; the string is asserted on the wire.
	 */
	@Test
	void refusingConnackCarriesAReasonString() {
		try (RawMqttClient raw = RawMqttClient.mqtt5(this.broker.port())) {
			raw.send(MqttMessageBuilders.connect()
				.clientId("raw-refused")
				.cleanSession(true)
				.protocolVersion(MqttVersion.MQTT_5)
				.username("banned")
				.password("secret".getBytes(StandardCharsets.UTF_8))
				.build());
			MqttConnAckMessage connack = (MqttConnAckMessage) raw.receive();
			assertThat(connack.variableHeader().connectReturnCode().byteValue()).isEqualTo((byte) 0x8A);
			assertThat(
					connack.variableHeader().properties().getProperty(MqttPropertyType.REASON_STRING.value()).value())
				.isEqualTo("not authenticated");
		}
	}

	@Test
	void takenOverClientIsToldSessionTakenOver() throws MqttException {
		PahoV5Client first = client("twin");
		first.connect();
		PahoV5Client second = client("twin");
		second.connect();
		assertThat(first.inbox().awaitDisconnected().getReturnCode()).isEqualTo(0x8E);
		assertThat(this.events.awaitDisconnected("twin")).isEqualTo(DisconnectReason.SESSION_TAKEN_OVER);
		assertThat(second.paho().isConnected()).isTrue();
	}

	@Test
	void clientDisconnectedByTheApplicationIsToldAdministrativeAction() throws MqttException {
		PahoV5Client evicted = client("evicted");
		evicted.connect();
		PahoV5Client bystander = client("bystander");
		bystander.connect();
		assertThat(this.broker.disconnectIf((client) -> client.clientId().equals("evicted"))).isOne();
		assertThat(evicted.inbox().awaitDisconnected().getReturnCode()).isEqualTo(0x98);
		assertThat(bystander.paho().isConnected()).isTrue();
		assertThat(bystander.inbox().disconnections()).isEmpty();
	}

	@Test
	void brokerStopTellsEveryClientItIsShuttingDown() throws MqttException {
		PahoV5Client one = client("one");
		one.connect();
		PahoV5Client two = client("two");
		two.connect();
		this.broker.stop();
		assertThat(one.inbox().awaitDisconnected().getReturnCode()).isEqualTo(0x8B);
		assertThat(two.inbox().awaitDisconnected().getReturnCode()).isEqualTo(0x8B);
	}

	private static Authenticator refusingSomeUsers() {
		return (request) -> CompletableFuture.completedFuture(
				(request.username() == null) ? AuthenticationResult.accept() : switch (request.username()) {
					case "banned" -> AuthenticationResult.refuse(ReasonCode.BANNED);
					case "not-authorized" -> AuthenticationResult.refuse(ReasonCode.NOT_AUTHORIZED);
					default -> AuthenticationResult.refuse(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
				});
	}

	private PahoV5Client client(String clientId) {
		return this.brokerExtension.pahoV5(clientId);
	}

}
