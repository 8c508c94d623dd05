package dev.mqttstack.broker.security;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.ReasonCode;
import dev.mqttstack.broker.testsupport.BrokerExtension;
import dev.mqttstack.broker.testsupport.RawMqttClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MQTT 5 enhanced authentication through AUTH packets, with a challenge/response test
 * mechanism: the broker sends a nonce, the client answers with the nonce reversed and a
 * shared secret.
 */
class EnhancedAuthenticationTests {

	private static final String METHOD = "TEST-CHALLENGE";

	private final List<Object> roles = new CopyOnWriteArrayList<>();

	@RegisterExtension
	final BrokerExtension brokerExtension = BrokerExtension.withConfig(
			(builder) -> builder.enhancedAuthenticator(new ChallengeAuthenticator()).authorizer(new Authorizer() {
				@Override
				public boolean canSubscribe(ClientInfo client, String topicFilter, int qos) {
					EnhancedAuthenticationTests.this.roles.add(client.attribute("role"));
					return true;
				}
			}));

	private MqttBroker broker;

	@BeforeEach
	void start() {
		this.broker = this.brokerExtension.broker();
	}

	@Test
	void aClientThatAnswersTheChallengeIsConnectedWithTheMechanismsAttributes() {
		try (RawMqttClient raw = RawMqttClient.mqtt5(this.broker.port())) {
			connect(raw, METHOD, "alice");
			MqttMessage challenge = raw.receive();
			assertThat(challenge.fixedHeader().messageType()).isEqualTo(MqttMessageType.AUTH);
			MqttReasonCodeAndPropertiesVariableHeader header = (MqttReasonCodeAndPropertiesVariableHeader) challenge
				.variableHeader();
			assertThat(header.reasonCode()).isEqualTo((byte) ReasonCode.CONTINUE_AUTHENTICATION.value());
			String nonce = new String(
					(byte[]) header.properties().getProperty(MqttPropertyType.AUTHENTICATION_DATA.value()).value(),
					StandardCharsets.UTF_8);
			raw.send(auth(METHOD, new StringBuilder(nonce).reverse() + ":secret"));
			MqttConnAckMessage connAck = (MqttConnAckMessage) raw.receive();
			assertThat(connAck.variableHeader().connectReturnCode().byteValue()).isZero();
			assertThat(connAck.variableHeader()
				.properties()
				.getProperty(MqttPropertyType.AUTHENTICATION_METHOD.value())
				.value()).isEqualTo(METHOD);
			raw.subscribe(1, "x", 0);
			assertThat(raw.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.SUBACK);
			assertThat(this.roles).containsExactly("operator");
		}
	}

	@Test
	void aWrongAnswerIsRefusedWithNotAuthorized() {
		try (RawMqttClient raw = RawMqttClient.mqtt5(this.broker.port())) {
			connect(raw, METHOD, "mallory");
			raw.receive();
			raw.send(auth(METHOD, "guess:secret"));
			MqttConnAckMessage connAck = (MqttConnAckMessage) raw.receive();
			assertThat(connAck.variableHeader().connectReturnCode().byteValue())
				.isEqualTo((byte) ReasonCode.NOT_AUTHORIZED.value());
			await().until(raw::isClosedByBroker);
		}
	}

	@Test
	void anUnknownMethodIsRefusedWithBadAuthenticationMethod() {
		try (RawMqttClient raw = RawMqttClient.mqtt5(this.broker.port())) {
			connect(raw, "SCRAM-SHA-1", "alice");
			MqttConnAckMessage connAck = (MqttConnAckMessage) raw.receive();
			assertThat(connAck.variableHeader().connectReturnCode().byteValue())
				.isEqualTo((byte) ReasonCode.BAD_AUTHENTICATION_METHOD.value());
			assertThat(
					connAck.variableHeader().properties().getProperty(MqttPropertyType.REASON_STRING.value()).value())
				.as("reason string")
				.isEqualTo("no authenticator for SCRAM-SHA-1");
		}
	}

	@Test
	void switchingMethodsMidExchangeIsAProtocolError() {
		try (RawMqttClient raw = RawMqttClient.mqtt5(this.broker.port())) {
			connect(raw, METHOD, "alice");
			raw.receive();
			raw.send(auth("OTHER", "x"));
			await().until(raw::isClosedByBroker);
			assertThat(this.broker.clients()).isEmpty();
		}
	}

	@Test
	void aConnectedClientReauthenticatesWithTheSameMethodAndCarriesOn() {
		try (RawMqttClient raw = RawMqttClient.mqtt5(this.broker.port())) {
			authenticated(raw, "alice");
			raw.send(auth(ReasonCode.RE_AUTHENTICATE, METHOD, "alice"));
			String nonce = challengeNonce(raw.receive());
			raw.send(auth(METHOD, new StringBuilder(nonce).reverse() + ":secret"));
			MqttMessage success = raw.receive();
			assertThat(success.fixedHeader().messageType()).isEqualTo(MqttMessageType.AUTH);
			assertThat(((MqttReasonCodeAndPropertiesVariableHeader) success.variableHeader()).reasonCode()).isZero();
			raw.subscribe(2, "after/reauth", 0);
			assertThat(raw.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.SUBACK);
			assertThat(this.broker.clients()).extracting(ClientInfo::clientId).containsExactly("enhanced-alice");
		}
	}

	@Test
	void aFailedReauthenticationEndsTheConnectionWithNotAuthorized() {
		try (RawMqttClient raw = RawMqttClient.mqtt5(this.broker.port())) {
			authenticated(raw, "alice");
			raw.send(auth(ReasonCode.RE_AUTHENTICATE, METHOD, "alice"));
			challengeNonce(raw.receive());
			raw.send(auth(METHOD, "guess:secret"));
			MqttMessage disconnect = raw.receive();
			assertThat(disconnect.fixedHeader().messageType()).isEqualTo(MqttMessageType.DISCONNECT);
			assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode())
				.isEqualTo((byte) ReasonCode.NOT_AUTHORIZED.value());
			await().until(raw::isClosedByBroker);
		}
	}

	@Test
	void reauthenticatingWithAnotherMethodIsAProtocolError() {
		try (RawMqttClient raw = RawMqttClient.mqtt5(this.broker.port())) {
			authenticated(raw, "alice");
			raw.send(auth(ReasonCode.RE_AUTHENTICATE, "OTHER", "alice"));
			MqttMessage disconnect = raw.receive();
			assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode())
				.isEqualTo((byte) ReasonCode.PROTOCOL_ERROR.value());
			await().until(raw::isClosedByBroker);
		}
	}

	/** Connects and answers the challenge. */
	private static void authenticated(RawMqttClient raw, String data) {
		connect(raw, METHOD, data);
		raw.send(auth(METHOD, new StringBuilder(challengeNonce(raw.receive())).reverse() + ":secret"));
		assertThat(((MqttConnAckMessage) raw.receive()).variableHeader().connectReturnCode().byteValue()).isZero();
	}

	private static String challengeNonce(MqttMessage challenge) {
		assertThat(challenge.fixedHeader().messageType()).isEqualTo(MqttMessageType.AUTH);
		MqttReasonCodeAndPropertiesVariableHeader header = (MqttReasonCodeAndPropertiesVariableHeader) challenge
			.variableHeader();
		assertThat(header.reasonCode()).isEqualTo((byte) ReasonCode.CONTINUE_AUTHENTICATION.value());
		return new String(
				(byte[]) header.properties().getProperty(MqttPropertyType.AUTHENTICATION_DATA.value()).value(),
				StandardCharsets.UTF_8);
	}

	private static void connect(RawMqttClient raw, String method, String data) {
		MqttProperties properties = new MqttProperties();
		properties.add(new MqttProperties.StringProperty(MqttPropertyType.AUTHENTICATION_METHOD.value(), method));
		properties.add(new MqttProperties.BinaryProperty(MqttPropertyType.AUTHENTICATION_DATA.value(),
				data.getBytes(StandardCharsets.UTF_8)));
		raw.send(MqttMessageBuilders.connect()
			.clientId("enhanced-" + data)
			.cleanSession(true)
			.keepAlive(60)
			.protocolVersion(MqttVersion.MQTT_5)
			.properties(properties)
			.build());
	}

	private static MqttMessage auth(String method, String data) {
		return auth(ReasonCode.CONTINUE_AUTHENTICATION, method, data);
	}

	private static MqttMessage auth(ReasonCode reasonCode, String method, String data) {
		MqttProperties properties = new MqttProperties();
		properties.add(new MqttProperties.StringProperty(MqttPropertyType.AUTHENTICATION_METHOD.value(), method));
		properties.add(new MqttProperties.BinaryProperty(MqttPropertyType.AUTHENTICATION_DATA.value(),
				data.getBytes(StandardCharsets.UTF_8)));
		return new MqttMessage(new MqttFixedHeader(MqttMessageType.AUTH, false, MqttQoS.AT_MOST_ONCE, false, 0),
				new MqttReasonCodeAndPropertiesVariableHeader((byte) reasonCode.value(), properties));
	}

	/**
	 * The test mechanism: a nonce challenge answered with the nonce reversed and the
	 * secret.
	 */
	private static final class ChallengeAuthenticator implements EnhancedAuthenticator {

		@Override
		public String method() {
			return METHOD;
		}

		@Override
		public AuthenticationExchange start(AuthenticationRequest request) {
			String nonce = UUID.randomUUID().toString();
			return new AuthenticationExchange() {

				private boolean challenged;

				@Override
				public CompletionStage<AuthenticationStep> next(byte[] clientData) {
					if (!this.challenged) {
						this.challenged = true;
						return CompletableFuture
							.completedFuture(AuthenticationStep.challenge(nonce.getBytes(StandardCharsets.UTF_8)));
					}
					String expected = new StringBuilder(nonce).reverse() + ":secret";
					boolean ok = expected.equals(new String(clientData, StandardCharsets.UTF_8));
					return CompletableFuture
						.supplyAsync(() -> ok ? AuthenticationStep.success(null, Map.of("role", "operator"))
								: AuthenticationStep.failure(ReasonCode.NOT_AUTHORIZED));
				}

			};
		}

	}

}
