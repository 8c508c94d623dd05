package dev.mqttstack.broker.session;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient.Mqtt5Publishes;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.ReasonCode;
import dev.mqttstack.broker.SessionInfo;
import dev.mqttstack.broker.event.BrokerEvents;
import dev.mqttstack.broker.event.DisconnectReason;
import dev.mqttstack.broker.store.InMemorySessionStore;
import dev.mqttstack.broker.store.SessionState;
import dev.mqttstack.broker.testsupport.HiveMqClients;
import dev.mqttstack.broker.testsupport.Inbox;
import dev.mqttstack.broker.testsupport.PahoClients;
import dev.mqttstack.broker.testsupport.PasswordAuthenticator;
import dev.mqttstack.broker.testsupport.TestBrokers;
import dev.mqttstack.broker.testsupport.TestClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * A session belongs to the user that created it: a client of another user with the same
 * client identifier is refused, whether the owner is connected or offline with queued and
 * in-flight messages; the same user takes over and resumes as before.
 */
class SessionOwnershipTests {

	private static final Map<String, String> PASSWORDS = Map.of("owner-1", "owner-pw", "intruder-1", "intruder-pw");

	private final Refusals refusals = new Refusals();

	/** Started by each test, with its own settings. */
	private MqttBroker broker;

	@RegisterExtension
	final TestClients pahoClients = TestClients.thenStopping(() -> this.broker);

	@Test
	void anotherUsersClientIsRefusedWhileTheOwnerIsConnectedAndTheOwnerKeepsItsConnection() throws Exception {
		start(false);
		Inbox ownerInbox = new Inbox();
		MqttClient owner = paho("dev-1", "owner-1", false);
		owner.subscribe("sensors/owner-1/#", 1, ownerInbox);

		assertThatExceptionOfType(MqttException.class).isThrownBy(() -> paho("dev-1", "intruder-1", false))
			.satisfies((ex) -> assertThat(ex.getReasonCode()).isEqualTo(MqttException.REASON_CODE_INVALID_CLIENT_ID));

		assertThat(this.refusals.awaitOne())
			.isEqualTo(new Refusal("dev-1", "intruder-1", ReasonCode.CLIENT_IDENTIFIER_NOT_VALID));
		assertThat(owner.isConnected()).isTrue();
		assertThat(this.refusals.disconnected).as("the owner's connection was not kicked").isEmpty();
		publish("sensors/owner-1/t", "after", 1);
		assertThat(ownerInbox.awaitCount(1)).extracting(Inbox.Received::text).containsExactly("after");
		SessionInfo session = this.broker.session("dev-1").orElseThrow();
		assertThat(session.client().username()).isEqualTo("owner-1");
		assertThat(session.owner()).isEqualTo("owner-1");
		assertThat(session.subscriptions()).containsExactly("sensors/owner-1/#");
	}

	@Test
	void anotherUsersClientIsRefusedForAnOfflineSessionAndTheOwnerStillGetsItsQueuedAndInflightMessages()
			throws Exception {
		start(false);
		MqttClient owner = ownerWithOneMessageInFlight();
		owner.disconnectForcibly(0, 1000, false);
		owner.close(true);
		await().until(() -> this.broker.session("dev-1").map((info) -> !info.connected()).orElse(false));
		publish("sensors/owner-1/t", "queued", 1);
		await().until(() -> this.broker.session("dev-1").map(SessionInfo::queuedMessages).orElse(0) == 1);

		for (boolean cleanSession : new boolean[] { false, true }) {
			assertThatExceptionOfType(MqttException.class).isThrownBy(() -> paho("dev-1", "intruder-1", cleanSession))
				.satisfies(
						(ex) -> assertThat(ex.getReasonCode()).isEqualTo(MqttException.REASON_CODE_INVALID_CLIENT_ID));
		}
		SessionInfo untouched = this.broker.session("dev-1").orElseThrow();
		assertThat(untouched.inflightMessages()).isEqualTo(1);
		assertThat(untouched.queuedMessages()).isEqualTo(1);
		assertThat(untouched.subscriptions()).containsExactly("sensors/owner-1/#");
		assertThat(untouched.owner()).isEqualTo("owner-1");

		Inbox resumed = new Inbox();
		IMqttToken token = resume("dev-1", "owner-1", resumed);
		assertThat(token.getSessionPresent()).isTrue();
		assertThat(resumed.awaitCount(2)).extracting(Inbox.Received::text).containsExactly("inflight", "queued");
	}

	@Test
	void theSameUserTakesOverALiveSessionAndResumesItWithQos1InFlight() throws Exception {
		start(false);
		ownerWithOneMessageInFlight();

		Inbox inbox = new Inbox();
		IMqttToken token = resume("dev-1", "owner-1", inbox);

		assertThat(token.getSessionPresent()).isTrue();
		assertThat(this.refusals.awaitDisconnected()).isEqualTo(DisconnectReason.SESSION_TAKEN_OVER);
		assertThat(inbox.awaitCount(1)).extracting(Inbox.Received::text, Inbox.Received::duplicate)
			.containsExactly(tuple("inflight", true));
		assertThat(this.refusals.refused).isEmpty();
	}

	@Test
	void mqtt5ClientOfAnotherUserIsRefusedWithClientIdentifierNotValidAndTheOwnerResumes() throws Exception {
		start(false);
		Mqtt5BlockingClient owner = hive("dev-5");
		owner.connectWith()
			.cleanStart(false)
			.sessionExpiryInterval(300)
			.simpleAuth()
			.username("owner-1")
			.password("owner-pw".getBytes(StandardCharsets.UTF_8))
			.applySimpleAuth()
			.send();
		owner.subscribeWith().topicFilter("sensors/owner-1/#").qos(MqttQos.AT_LEAST_ONCE).send();
		owner.disconnect();
		publish("sensors/owner-1/t", "queued", 1);
		await().until(() -> this.broker.session("dev-5").map(SessionInfo::queuedMessages).orElse(0) == 1);

		Mqtt5BlockingClient intruder = hive("dev-5");
		assertThatExceptionOfType(Mqtt5ConnAckException.class)
			.isThrownBy(() -> intruder.connectWith()
				.cleanStart(false)
				.sessionExpiryInterval(300)
				.simpleAuth()
				.username("intruder-1")
				.password("intruder-pw".getBytes(StandardCharsets.UTF_8))
				.applySimpleAuth()
				.send())
			.satisfies((ex) -> assertThat(ex.getMqttMessage().getReasonCode())
				.isEqualTo(Mqtt5ConnAckReasonCode.CLIENT_IDENTIFIER_NOT_VALID));

		Mqtt5BlockingClient back = hive("dev-5");
		try (Mqtt5Publishes publishes = back.publishes(MqttGlobalPublishFilter.ALL)) {
			Mqtt5ConnAck connAck = back.connectWith()
				.cleanStart(false)
				.sessionExpiryInterval(300)
				.simpleAuth()
				.username("owner-1")
				.password("owner-pw".getBytes(StandardCharsets.UTF_8))
				.applySimpleAuth()
				.send();
			assertThat(connAck.isSessionPresent()).isTrue();
			Optional<Mqtt5Publish> received = publishes.receive(10, TimeUnit.SECONDS);
			assertThat(received).map((publish) -> new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8))
				.contains("queued");
		}
	}

	@Test
	void aClientWithoutUserNameCannotTakeOverAUsersSessionNorAUserAnAnonymousOne() throws Exception {
		start(false);
		paho("dev-1", "owner-1", false);
		paho("anon-1", null, false);

		assertThatExceptionOfType(MqttException.class).isThrownBy(() -> paho("dev-1", null, false))
			.satisfies((ex) -> assertThat(ex.getReasonCode()).isEqualTo(MqttException.REASON_CODE_INVALID_CLIENT_ID));
		assertThatExceptionOfType(MqttException.class).isThrownBy(() -> paho("anon-1", "owner-1", false))
			.satisfies((ex) -> assertThat(ex.getReasonCode()).isEqualTo(MqttException.REASON_CODE_INVALID_CLIENT_ID));
		assertThat(paho("anon-1", null, false).isConnected()).as("anonymous takes over anonymous").isTrue();
	}

	@Test
	void repeatedConnectsOfAnotherUserNeverKickTheOwner() throws Exception {
		start(false);
		MqttClient owner = paho("dev-1", "owner-1", false);
		for (int attempt = 0; attempt < 5; attempt++) {
			assertThatExceptionOfType(MqttException.class).isThrownBy(() -> paho("dev-1", "intruder-1", false));
		}
		assertThat(this.refusals.refused).hasSize(5);
		assertThat(owner.isConnected()).isTrue();
		assertThat(this.refusals.disconnected).isEmpty();
		assertThat(this.refusals.connected).containsExactly("dev-1/owner-1");
	}

	@Test
	void twoAutoReconnectingClientsOfDifferentUsersNoLongerKickEachOther() {
		start(false);
		Mqtt5BlockingClient owner = autoReconnecting("dev-auto");
		owner.connectWith()
			.simpleAuth()
			.username("owner-1")
			.password("owner-pw".getBytes(StandardCharsets.UTF_8))
			.applySimpleAuth()
			.send();
		Mqtt5BlockingClient intruder = autoReconnecting("dev-auto");
		intruder.toAsync()
			.connectWith()
			.simpleAuth()
			.username("intruder-1")
			.password("intruder-pw".getBytes(StandardCharsets.UTF_8))
			.applySimpleAuth()
			.send();

		await().atMost(Duration.ofSeconds(20)).until(() -> this.refusals.refused.size() >= 5);
		assertThat(owner.getState().isConnected()).isTrue();
		assertThat(this.refusals.connected).containsExactly("dev-auto/owner-1");
		assertThat(this.refusals.disconnected).isEmpty();
		intruder.toAsync().disconnect();
	}

	@Test
	void theOwnerIsKeptWithThePersistedSessionAcrossARestartOfTheBroker() throws Exception {
		InMemorySessionStore store = new InMemorySessionStore();
		this.broker = TestBrokers.builder()
			.authenticator(new PasswordAuthenticator(PASSWORDS))
			.sessionStore(store)
			.events(this.refusals)
			.build();
		this.broker.start();
		MqttClient owner = paho("dev-1", "owner-1", false);
		owner.subscribe("sensors/owner-1/#", 1);
		owner.disconnect();
		this.broker.stop();
		assertThat(store.loadAll()).singleElement()
			.satisfies((state) -> assertThat(state.owner()).isEqualTo(SessionState.Owner.of("owner-1")));

		this.broker.start();
		assertThat(this.broker.session("dev-1").orElseThrow().owner()).isEqualTo("owner-1");
		assertThatExceptionOfType(MqttException.class).isThrownBy(() -> paho("dev-1", "intruder-1", false))
			.satisfies((ex) -> assertThat(ex.getReasonCode()).isEqualTo(MqttException.REASON_CODE_INVALID_CLIENT_ID));
		assertThat(paho("dev-1", "owner-1", false).isConnected()).isTrue();
	}

	@Test
	void withCrossUserTakeoverAllowedAnotherUserTakesTheSessionOverAsInMosquitto() throws Exception {
		start(true);
		MqttClient owner = paho("dev-1", "owner-1", false);
		owner.subscribe("sensors/owner-1/#", 1);
		owner.disconnect();
		publish("sensors/owner-1/t", "queued", 1);
		await().until(() -> this.broker.session("dev-1").map(SessionInfo::queuedMessages).orElse(0) == 1);

		Inbox inbox = new Inbox();
		IMqttToken token = resume("dev-1", "intruder-1", inbox);

		assertThat(token.getSessionPresent()).isTrue();
		assertThat(inbox.awaitCount(1)).extracting(Inbox.Received::text).containsExactly("queued");
		assertThat(this.broker.session("dev-1").orElseThrow().owner()).isEqualTo("intruder-1");
	}

	private void start(boolean allowCrossUserTakeover) {
		this.broker = TestBrokers.builder()
			.authenticator(new PasswordAuthenticator(PASSWORDS))
			.allowCrossUserTakeover(allowCrossUserTakeover)
			.events(this.refusals)
			.build();
		this.broker.start();
	}

	/**
	 * The owner's persistent session "dev-1" subscribed to its topics, with one QoS 1
	 * message delivered and left unacknowledged.
	 */
	private MqttClient ownerWithOneMessageInFlight() throws MqttException {
		MqttClient owner = paho("dev-1", "owner-1", false);
		owner.setManualAcks(true);
		Inbox unacknowledged = new Inbox();
		owner.subscribe("sensors/owner-1/#", 1, unacknowledged);
		publish("sensors/owner-1/t", "inflight", 1);
		unacknowledged.awaitCount(1);
		return owner;
	}

	/**
	 * Connects to a persistent session, its messages going to an inbox from the start.
	 */
	private IMqttToken resume(String clientId, String username, Inbox inbox) throws MqttException {
		MqttClient client = PahoClients.create(this.broker, clientId);
		this.pahoClients.add(client);
		client.setCallback(inbox);
		return client.connectWithResult(options(username, false));
	}

	private MqttClient paho(String clientId, String username, boolean cleanSession) throws MqttException {
		MqttClient client = PahoClients.create(this.broker, clientId);
		this.pahoClients.add(client);
		client.connect(options(username, cleanSession));
		return client;
	}

	private static MqttConnectOptions options(String username, boolean cleanSession) {
		return PahoClients.options((options) -> {
			options.setCleanSession(cleanSession);
			if (username != null) {
				options.setUserName(username);
				options.setPassword(PASSWORDS.get(username).toCharArray());
			}
		});
	}

	private Mqtt5BlockingClient hive(String clientId) {
		return this.pahoClients.hiveMq5(this.broker, clientId);
	}

	/**
	 * A client that reconnects 100 ms after every failed or lost connection it did not
	 * end itself.
	 */
	private Mqtt5BlockingClient autoReconnecting(String clientId) {
		Mqtt5BlockingClient client = HiveMqClients.mqtt5Builder(this.broker.port(), clientId)
			.addDisconnectedListener((context) -> {
				if (context.getSource() != MqttDisconnectSource.USER && this.broker.isRunning()) {
					context.getReconnector().reconnect(true).delay(100, TimeUnit.MILLISECONDS);
				}
			})
			.buildBlocking();
		this.pahoClients.add(client);
		return client;
	}

	private void publish(String topic, String payload, int qos) throws MqttException {
		MqttClient publisher = this.pahoClients.paho(this.broker, "publisher-" + System.nanoTime());
		publisher.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, false);
	}

	private record Refusal(String clientId, String username, ReasonCode reason) {
	}

	/** Records refusals, connections and disconnections of the clients under test. */
	private static final class Refusals implements BrokerEvents {

		final List<Refusal> refused = new CopyOnWriteArrayList<>();

		final List<String> connected = new CopyOnWriteArrayList<>();

		final List<DisconnectReason> disconnected = new CopyOnWriteArrayList<>();

		@Override
		public void connectionRefused(String clientId, String username, SocketAddress remoteAddress,
				ReasonCode reasonCode) {
			this.refused.add(new Refusal(clientId, username, reasonCode));
		}

		@Override
		public void clientConnected(ClientInfo client, boolean sessionPresent) {
			if (client.clientId().startsWith("dev-")) {
				this.connected.add(client.clientId() + "/" + client.username());
			}
		}

		@Override
		public void clientDisconnected(ClientInfo client, DisconnectReason reason) {
			if (client.clientId().startsWith("dev-")) {
				this.disconnected.add(reason);
			}
		}

		Refusal awaitOne() {
			await().atMost(Duration.ofSeconds(10)).until(() -> !this.refused.isEmpty());
			return this.refused.get(0);
		}

		DisconnectReason awaitDisconnected() {
			await().atMost(Duration.ofSeconds(10)).until(() -> !this.disconnected.isEmpty());
			return this.disconnected.get(0);
		}

	}

}
