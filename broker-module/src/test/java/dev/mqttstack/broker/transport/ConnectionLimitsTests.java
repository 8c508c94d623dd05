package dev.mqttstack.broker.transport;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.event.BrokerEvents;
import dev.mqttstack.broker.event.Limit;
import dev.mqttstack.broker.testsupport.PahoClients;
import dev.mqttstack.broker.testsupport.PasswordAuthenticator;
import dev.mqttstack.broker.testsupport.RawMqttClient;
import dev.mqttstack.broker.testsupport.TestBrokers;
import dev.mqttstack.broker.testsupport.TestClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Keep-alive cap as mosquitto's {@code max_keepalive}, and the optional connection limits
 * per user name and per peer address.
 */
class ConnectionLimitsTests {

	private static final Map<String, String> PASSWORDS = Map.of("alice", "alice-pw", "bob", "bob-pw");

	private final List<Limit> limits = new CopyOnWriteArrayList<>();

	/** Started by each test, with its own limits. */
	private MqttBroker broker;

	@RegisterExtension
	final TestClients clients = TestClients.thenStopping(() -> this.broker);

	@Test
	void mqtt311ClientAskingForMoreThanTheMaximumKeepAliveIsRefusedWithIdentifierRejected() {
		start((builder) -> builder.maxKeepAlive(60));
		try (RawMqttClient within = new RawMqttClient(this.broker.port());
				RawMqttClient above = new RawMqttClient(this.broker.port());
				RawMqttClient none = new RawMqttClient(this.broker.port())) {
			within.connect("within", true, 60, 0);
			above.connect("above", true, 61, 2);
			none.connect("none", true, 0, 2);
		}
	}

	@Test
	void byDefaultAnMqtt311ClientWithoutKeepAliveIsAccepted() {
		start((builder) -> builder);
		try (RawMqttClient none = new RawMqttClient(this.broker.port())) {
			none.connect("none", true, 0, 0);
		}
	}

	@Test
	void mqtt5ClientAskingForNoKeepAliveOrMoreGetsTheMaximumAsServerKeepAlive() {
		start((builder) -> builder.maxKeepAlive(60));
		Mqtt5ConnAck none = hive("none").connectWith().keepAlive(0).send();
		Mqtt5ConnAck more = hive("more").connectWith().keepAlive(600).send();
		Mqtt5ConnAck within = hive("within").connectWith().keepAlive(30).send();

		assertThat(none.getServerKeepAlive()).hasValue(60);
		assertThat(more.getServerKeepAlive()).hasValue(60);
		assertThat(within.getServerKeepAlive()).isEmpty();
	}

	@Test
	void aUserPastItsConnectionLimitIsRefusedUntilOneOfItsConnectionsEnds() throws Exception {
		start((builder) -> builder.maxConnectionsPerUser(2));
		MqttClient first = paho("a-1", "alice");
		paho("a-2", "alice");
		paho("b-1", "bob");

		assertThatExceptionOfType(MqttException.class).isThrownBy(() -> paho("a-3", "alice"))
			.satisfies((ex) -> assertThat(ex.getReasonCode()).isEqualTo(MqttException.REASON_CODE_BROKER_UNAVAILABLE));
		assertThat(this.limits).containsExactly(Limit.MAX_CONNECTIONS_PER_USER);
		Mqtt5BlockingClient mqtt5 = hive("a-5");
		assertThatExceptionOfType(Mqtt5ConnAckException.class)
			.isThrownBy(() -> mqtt5.connectWith()
				.simpleAuth()
				.username("alice")
				.password("alice-pw".getBytes(StandardCharsets.UTF_8))
				.applySimpleAuth()
				.send())
			.satisfies((ex) -> assertThat(ex.getMqttMessage().getReasonCode())
				.isEqualTo(Mqtt5ConnAckReasonCode.QUOTA_EXCEEDED));

		first.disconnect();
		await().untilAsserted(() -> assertThat(paho("a-4", "alice").isConnected()).isTrue());
	}

	@Test
	void anAddressPastItsConnectionLimitIsRefused() throws Exception {
		start((builder) -> builder.maxConnectionsPerAddress(2));
		paho("x-1", null);
		paho("x-2", "bob");

		assertThatExceptionOfType(MqttException.class).isThrownBy(() -> paho("x-3", "alice"))
			.satisfies((ex) -> assertThat(ex.getReasonCode()).isEqualTo(MqttException.REASON_CODE_BROKER_UNAVAILABLE));
		assertThat(this.limits).containsExactly(Limit.MAX_CONNECTIONS_PER_ADDRESS);
	}

	private void start(java.util.function.UnaryOperator<MqttBroker.Builder> customizer) {
		this.broker = customizer
			.apply(TestBrokers.builder().authenticator(new PasswordAuthenticator(PASSWORDS)).events(new BrokerEvents() {

				@Override
				public void limitReached(Limit limit, String clientId, SocketAddress remoteAddress) {
					ConnectionLimitsTests.this.limits.add(limit);
				}

			}))
			.build();
		this.broker.start();
	}

	private MqttClient paho(String clientId, String username) throws MqttException {
		MqttClient client = PahoClients.create(this.broker, clientId);
		this.clients.add(client);
		client.connect(PahoClients.options((options) -> {
			if (username != null) {
				options.setUserName(username);
				options.setPassword(PASSWORDS.get(username).toCharArray());
			}
		}));
		return client;
	}

	private Mqtt5BlockingClient hive(String clientId) {
		return this.clients.hiveMq5(this.broker, clientId);
	}

}
