package dev.mqttstack.broker.session;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.event.BrokerEvents;
import dev.mqttstack.broker.event.DropReason;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.store.InMemorySessionStore;
import dev.mqttstack.broker.store.SessionState;
import dev.mqttstack.broker.testsupport.Inbox;
import dev.mqttstack.broker.testsupport.PahoClients;
import dev.mqttstack.broker.testsupport.TestBrokers;
import dev.mqttstack.broker.testsupport.TestClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SessionRegistryTests {

	/** Started by each test, with its own settings; stopped after its clients. */
	private MqttBroker broker;

	@RegisterExtension
	final TestClients clients = TestClients.thenStopping(() -> this.broker);

	private MqttClient publisher;

	@AfterEach
	void closePublisher() {
		PahoClients.closeQuietly(this.publisher);
	}

	@Test
	void persistentSessionKeepsSubscriptionsAndQueuesQos1And2InOrderWhileOffline() throws MqttException {
		this.broker = TestBrokers.started();
		MqttClient device = PahoClients.connect(this.broker, "device", false);
		device.subscribe("cmd/#", 2);
		device.disconnect();
		device.close();
		this.publisher = PahoClients.connect(this.broker, "pub");
		for (int i = 0; i < 50; i++) {
			this.publisher.publish("cmd/x", ("q" + (i % 3) + "-" + i).getBytes(StandardCharsets.UTF_8), i % 3, false);
		}
		MqttClient back = PahoClients.create(this.broker, "device");
		Inbox inbox = new Inbox();
		back.setCallback(new InboxCallback(inbox));
		try {
			IMqttToken token = back.connectWithResult(PahoClients.options((options) -> options.setCleanSession(false)));
			assertThat(token.getSessionPresent()).isTrue();
			List<Inbox.Received> received = inbox.awaitCount(33);
			// MQTT orders messages per QoS; Paho hands QoS 2 messages over at PUBREL,
			// after later QoS 1 ones.
			for (int qos = 1; qos <= 2; qos++) {
				int level = qos;
				assertThat(received).filteredOn((message) -> message.qos() == level)
					.extracting(Inbox.Received::text)
					.as("QoS %d messages in publish order", level)
					.containsExactlyElementsOf(IntStream.range(0, 50)
						.filter((i) -> i % 3 == level)
						.mapToObj((i) -> "q" + level + "-" + i)
						.toList());
			}
			assertThat(received).as("QoS 0 is not queued for offline clients").hasSize(33);
		}
		finally {
			PahoClients.closeQuietly(back);
		}
	}

	@Test
	void cleanSessionDiscardsEarlierState() throws MqttException {
		this.broker = TestBrokers.started();
		MqttClient device = PahoClients.connect(this.broker, "device", false);
		device.subscribe("cmd/#", 1);
		device.disconnect();
		device.close();
		this.publisher = PahoClients.connect(this.broker, "pub");
		this.publisher.publish("cmd/x", "queued".getBytes(StandardCharsets.UTF_8), 1, false);
		MqttClient clean = PahoClients.create(this.broker, "device");
		Inbox inbox = new Inbox();
		clean.setCallback(new InboxCallback(inbox));
		try {
			IMqttToken token = clean.connectWithResult(PahoClients.options((options) -> options.setCleanSession(true)));
			assertThat(token.getSessionPresent()).isFalse();
			this.publisher.publish("cmd/x", "after".getBytes(StandardCharsets.UTF_8), 1, false);
			clean.subscribe("marker", 1);
			this.publisher.publish("marker", "marker".getBytes(StandardCharsets.UTF_8), 1, false);
			assertThat(inbox.awaitCount(1)).extracting(Inbox.Received::text).containsExactly("marker");
		}
		finally {
			PahoClients.closeQuietly(clean);
		}
	}

	@Test
	void cleanSessionEndsWithTheConnection() throws MqttException {
		this.broker = TestBrokers.started();
		MqttClient device = PahoClients.connect(this.broker, "transient", true);
		device.subscribe("t", 1);
		device.disconnect();
		device.close();
		MqttClient again = PahoClients.create(this.broker, "transient");
		try {
			IMqttToken token = again
				.connectWithResult(PahoClients.options((options) -> options.setCleanSession(false)));
			assertThat(token.getSessionPresent()).isFalse();
		}
		finally {
			PahoClients.closeQuietly(again);
		}
	}

	@Test
	void takingOverACleanSessionStartsAFreshPersistentOne() throws MqttException {
		this.broker = TestBrokers.started();
		MqttClient clean = PahoClients.connect(this.broker, "switcher", true);
		clean.subscribe("old/#", 1);
		MqttClient persistent = PahoClients.create(this.broker, "switcher");
		Inbox inbox = new Inbox();
		persistent.setCallback(new InboxCallback(inbox));
		try {
			IMqttToken token = persistent
				.connectWithResult(PahoClients.options((options) -> options.setCleanSession(false)));
			assertThat(token.getSessionPresent()).isFalse();
			this.publisher = PahoClients.connect(this.broker, "pub");
			this.publisher.publish("old/x", "to the old subscription".getBytes(StandardCharsets.UTF_8), 1, false);
			persistent.subscribe("marker", 1);
			this.publisher.publish("marker", "marker".getBytes(StandardCharsets.UTF_8), 1, false);
			assertThat(inbox.awaitCount(1)).extracting(Inbox.Received::text).containsExactly("marker");
		}
		finally {
			PahoClients.closeQuietly(clean, persistent);
		}
	}

	@Test
	void queueOverflowIsCountedAndReportedNeverSilent() throws MqttException {
		List<String> dropped = new CopyOnWriteArrayList<>();
		this.broker = TestBrokers.builder().maxQueuedMessages(10).events(new BrokerEvents() {
			@Override
			public void messageDropped(String clientId, Message message, DropReason reason) {
				dropped.add(clientId + ":" + reason + ":" + new String(message.payload(), StandardCharsets.UTF_8));
			}
		}).build();
		this.broker.start();
		MqttClient device = PahoClients.connect(this.broker, "offline", false);
		device.subscribe("load", 1);
		device.disconnect();
		device.close();
		this.publisher = PahoClients.connect(this.broker, "pub");
		for (int i = 0; i < 15; i++) {
			this.publisher.publish("load", ("m" + i).getBytes(StandardCharsets.UTF_8), 1, false);
		}
		await().until(() -> dropped.size() == 5);
		assertThat(dropped).containsExactly("offline:QUEUE_FULL:m10", "offline:QUEUE_FULL:m11",
				"offline:QUEUE_FULL:m12", "offline:QUEUE_FULL:m13", "offline:QUEUE_FULL:m14");
		assertThat(this.broker.metrics().messagesDropped()).isEqualTo(5);
		MqttClient back = PahoClients.create(this.broker, "offline");
		Inbox inbox = new Inbox();
		back.setCallback(new InboxCallback(inbox));
		try {
			back.connect(PahoClients.options((options) -> options.setCleanSession(false)));
			assertThat(inbox.awaitCount(10)).extracting(Inbox.Received::text)
				.containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
		}
		finally {
			PahoClients.closeQuietly(back);
		}
	}

	@Test
	void persistentSessionsSurviveABrokerRestartThroughTheSessionStore() throws MqttException {
		InMemorySessionStore store = new InMemorySessionStore();
		this.broker = TestBrokers.builder().sessionStore(store).build();
		this.broker.start();
		MqttClient device = PahoClients.connect(this.broker, "survivor", false);
		device.subscribe("s/#", 1);
		device.disconnect();
		device.close();
		this.publisher = PahoClients.connect(this.broker, "pub");
		this.publisher.publish("s/1", "while offline".getBytes(StandardCharsets.UTF_8), 1, false);
		PahoClients.closeQuietly(this.publisher);
		this.broker.stop();
		assertThat(store.loadAll()).singleElement().satisfies((state) -> {
			assertThat(state.clientId()).isEqualTo("survivor");
			assertThat(state.subscriptions())
				.containsExactly(new SessionState.StoredSubscription("s/#", 1, false, false, 0));
			assertThat(state.queued()).hasSize(1);
		});

		this.broker = TestBrokers.builder().sessionStore(store).build();
		this.broker.start();
		MqttClient back = PahoClients.create(this.broker, "survivor");
		Inbox inbox = new Inbox();
		back.setCallback(new InboxCallback(inbox));
		try {
			IMqttToken token = back.connectWithResult(PahoClients.options((options) -> options.setCleanSession(false)));
			assertThat(token.getSessionPresent()).isTrue();
			assertThat(inbox.awaitCount(1)).extracting(Inbox.Received::text).containsExactly("while offline");
			this.publisher = PahoClients.connect(this.broker, "pub");
			this.publisher.publish("s/2", "after restart".getBytes(StandardCharsets.UTF_8), 1, false);
			assertThat(inbox.awaitCount(2)).extracting(Inbox.Received::text).endsWith("after restart");
		}
		finally {
			PahoClients.closeQuietly(back);
		}
	}

	@Test
	void discardingASessionKicksTheClientAndForgetsItsState() throws MqttException {
		this.broker = TestBrokers.started();
		MqttClient device = PahoClients.connect(this.broker, "doomed", false);
		device.subscribe("x", 1);
		assertThat(this.broker.discardSession("doomed")).isTrue();
		await().until(() -> !device.isConnected());
		device.close();
		MqttClient back = PahoClients.create(this.broker, "doomed");
		try {
			IMqttToken token = back.connectWithResult(PahoClients.options((options) -> options.setCleanSession(false)));
			assertThat(token.getSessionPresent()).isFalse();
		}
		finally {
			PahoClients.closeQuietly(back);
		}
		assertThat(this.broker.discardSession("never-existed")).isFalse();
	}

	/**
	 * Routes messages of a client's restored subscriptions, which have no
	 * per-subscription listener, to an inbox.
	 */
	private record InboxCallback(Inbox inbox) implements org.eclipse.paho.client.mqttv3.MqttCallback {

		@Override
		public void connectionLost(Throwable cause) {
		}

		@Override
		public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
			this.inbox.messageArrived(topic, message);
		}

		@Override
		public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
		}

	}

}
