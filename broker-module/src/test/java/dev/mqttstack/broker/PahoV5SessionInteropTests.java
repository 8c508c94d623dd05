package dev.mqttstack.broker;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mqttstack.broker.event.DisconnectReason;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.testsupport.BrokerExtension;
import dev.mqttstack.broker.testsupport.PahoV5Client;
import dev.mqttstack.broker.testsupport.PahoV5Inbox;
import dev.mqttstack.broker.testsupport.RecordingEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Sessions, message expiry and wills as an Eclipse Paho MQTT 5 application sees them:
 * session expiry and clean start, the session present flag, remaining message expiry,
 * expired messages left out of an offline queue, and delayed wills.
 */
class PahoV5SessionInteropTests {

	private final RecordingEvents events = new RecordingEvents();

	@RegisterExtension
	final BrokerExtension brokerExtension = BrokerExtension.withConfig((builder) -> builder.events(this.events));

	/** The clients this test made, for reuse by identifier; the extension closes them. */
	private final List<PahoV5Client> clients = new CopyOnWriteArrayList<>();

	private MqttBroker broker;

	@BeforeEach
	void startBroker() {
		this.broker = this.brokerExtension.broker();
	}

	@Test
	void sessionWithAnExpiryIntervalIsResumedWithItsSubscriptionsAndQueuedMessages() throws MqttException {
		PahoV5Client device = client("device");
		IMqttToken first = device.connect((options) -> options.setSessionExpiryInterval(60L));
		assertThat(first.getSessionPresent()).isFalse();
		device.subscribe("cmd/#", 1);
		device.disconnect();
		assertThat(this.broker.hasSession("device")).isTrue();
		publish("cmd/reboot", "now", 1);
		publish("cmd/update", "later", 1);
		PahoV5Client again = client("device");
		IMqttToken resumed = again.connect((options) -> {
			options.setCleanStart(false);
			options.setSessionExpiryInterval(60L);
		});
		assertThat(resumed.getSessionPresent()).isTrue();
		assertThat(again.inbox().awaitCount(2)).extracting(PahoV5Inbox.Received::topic, PahoV5Inbox.Received::text)
			.containsExactly(tuple("cmd/reboot", "now"), tuple("cmd/update", "later"));
		assertThat(this.events.connections("device")).extracting(RecordingEvents.Connected::sessionPresent)
			.containsExactly(false, true);
	}

	/**
	 * Messages sent and not acknowledged before the client went away are sent again, with
	 * their packet identifiers, when the session resumes. The broker sets DUP on them,
	 * but a Paho 1.2.5 application cannot tell: {@code MqttPublish.getMessage()} builds
	 * the received {@code MqttMessage} without the flag.
	 */
	@Test
	void unacknowledgedMessagesAreSentAgainWhenTheSessionResumes() throws MqttException {
		PahoV5Client device = client("forgetful");
		device.paho().setManualAcks(true);
		device.connect((options) -> options.setSessionExpiryInterval(60L));
		device.subscribe("cmd/#", 1);
		publish("cmd/one", "one", 1);
		publish("cmd/two", "two", 1);
		List<Integer> packetIds = device.inbox().awaitCount(2).stream().map((m) -> m.message().getId()).toList();
		device.disconnect();
		PahoV5Client again = client("forgetful");
		assertThat(again.connect((options) -> {
			options.setCleanStart(false);
			options.setSessionExpiryInterval(60L);
		}).getSessionPresent()).isTrue();
		List<PahoV5Inbox.Received> resent = again.inbox().awaitCount(2);
		assertThat(resent).extracting(PahoV5Inbox.Received::text).containsExactly("one", "two");
		assertThat(resent).extracting((m) -> m.message().getId()).containsExactlyElementsOf(packetIds);
	}

	@Test
	void offlineSessionEndsWhenItsExpiryIntervalHasPassed() throws MqttException {
		PahoV5Client device = client("brief");
		device.connect((options) -> options.setSessionExpiryInterval(1L));
		device.subscribe("cmd/#", 1);
		device.disconnect();
		publish("cmd/reboot", "queued", 1);
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.broker.hasSession("brief"));
		PahoV5Client again = client("brief");
		assertThat(again.connect((options) -> {
			options.setCleanStart(false);
			options.setSessionExpiryInterval(60L);
		}).getSessionPresent()).isFalse();
		assertThat(this.broker.session("brief").orElseThrow().subscriptions()).as("gone with the session").isEmpty();
		again.subscribe("cmd/#", 1);
		publish("cmd/fresh", "fresh", 1);
		assertThat(again.inbox().awaitCount(1)).extracting(PahoV5Inbox.Received::text)
			.as("the queued message went with the session")
			.containsExactly("fresh");
	}

	@Test
	void sessionWithoutExpiryIntervalEndsWithTheConnection() throws MqttException {
		PahoV5Client device = client("short-lived");
		device.connect((options) -> options.setCleanStart(false));
		device.subscribe("cmd/#", 1);
		device.disconnect();
		await().until(() -> !this.broker.hasSession("short-lived"));
		assertThat(client("short-lived").connect((options) -> options.setCleanStart(false)).getSessionPresent())
			.isFalse();
	}

	@Test
	void cleanStartDiscardsTheSessionAndItsQueuedMessages() throws MqttException {
		PahoV5Client device = client("restarter");
		device.connect((options) -> options.setSessionExpiryInterval(60L));
		device.subscribe("cmd/#", 1);
		device.disconnect();
		publish("cmd/stale", "stale", 1);
		await().until(() -> this.broker.session("restarter").orElseThrow().queuedMessages() == 1);
		PahoV5Client again = client("restarter");
		assertThat(again.connect((options) -> options.setSessionExpiryInterval(60L)).getSessionPresent()).isFalse();
		again.subscribe("cmd/#", 1);
		publish("cmd/fresh", "fresh", 1);
		assertThat(again.inbox().awaitCount(1)).extracting(PahoV5Inbox.Received::text).containsExactly("fresh");
	}

	@Test
	void expiredMessagesAreNeverDeliveredFromTheOfflineQueueNorAsRetainedMessages() throws MqttException {
		PahoV5Client device = client("queue5");
		device.connect((options) -> options.setSessionExpiryInterval(60L));
		device.subscribe("alerts/#", 1);
		device.disconnect();
		Instant published = Instant.now();
		publishWithExpiry("alerts/a", "short", 1, false);
		publishWithExpiry("alerts/b", "long", 100, false);
		publishWithExpiry("retained/a", "short retained", 1, true);
		publishWithExpiry("retained/b", "long retained", 100, true);
		await().until(() -> this.broker.session("queue5").orElseThrow().queuedMessages() == 2);
		// message expiry is counted in seconds: let the short message's second pass
		await().atMost(Duration.ofSeconds(5))
			.until(() -> Duration.between(published, Instant.now()).compareTo(Duration.ofMillis(1500)) > 0);
		PahoV5Client again = client("queue5");
		again.connect((options) -> {
			options.setCleanStart(false);
			options.setSessionExpiryInterval(60L);
		});
		again.subscribe("retained/#", 1);
		again.subscribe("marker", 1);
		connected("publisher").publish("marker", "marker", 1);
		assertThat(again.inbox().awaitCount(3)).satisfiesExactly((queued) -> {
			assertThat(queued.text()).isEqualTo("long");
			assertThat(queued.properties().getMessageExpiryInterval()).isBetween(90L, 99L);
		}, (retained) -> {
			assertThat(retained.text()).isEqualTo("long retained");
			assertThat(retained.message().isRetained()).isTrue();
			assertThat(retained.properties().getMessageExpiryInterval()).isBetween(90L, 99L);
		}, (marker) -> assertThat(marker.text()).isEqualTo("marker"));
	}

	@Test
	void delayedWillIsPublishedOnlyAfterItsDelay() throws MqttException {
		PahoV5Client watcher = connected("will-watcher");
		watcher.subscribe("wills/#", 1);
		PahoV5Client doomed = connectedWithWill("doomed", 60L, 1L);
		doomed.dropConnection();
		assertThat(this.events.awaitDisconnected("doomed")).isNotEqualTo(DisconnectReason.CLIENT_DISCONNECTED);
		assertThat(watcher.inbox().messages()).as("no will as soon as the connection ended").isEmpty();
		assertThat(watcher.inbox().awaitCount(1)).singleElement().satisfies((will) -> {
			assertThat(will.topic()).isEqualTo("wills/doomed");
			assertThat(will.text()).isEqualTo("doomed went away");
			assertThat(will.properties().getContentType()).isEqualTo("text/plain");
		});
	}

	@Test
	void delayedWillIsPublishedAtOnceWhenTheSessionEndsFirst() throws MqttException {
		PahoV5Client watcher = connected("will-watcher");
		watcher.subscribe("wills/#", 1);
		PahoV5Client doomed = connectedWithWill("hasty", 0L, 60L);
		doomed.dropConnection();
		assertThat(watcher.inbox().awaitCount(1)).extracting(PahoV5Inbox.Received::text)
			.containsExactly("hasty went away");
	}

	private PahoV5Client connectedWithWill(String clientId, long sessionExpiry, long willDelay) throws MqttException {
		PahoV5Client client = client(clientId);
		MqttProperties willProperties = new MqttProperties();
		willProperties.setWillDelayInterval(willDelay);
		willProperties.setContentType("text/plain");
		client.connect((options) -> {
			options.setSessionExpiryInterval(sessionExpiry);
			options.setWill("wills/" + clientId, new MqttMessage((clientId + " went away").getBytes(), 1, false, null));
			options.setWillMessageProperties(willProperties);
		});
		return client;
	}

	/**
	 * Publishes from the embedding application: the publisher is not what these tests are
	 * about.
	 */
	private void publish(String topic, String payload, int qos) {
		this.broker.publish(Message.of(topic, payload, qos, false));
	}

	private void publishWithExpiry(String topic, String payload, long expirySeconds, boolean retain)
			throws MqttException {
		MqttProperties properties = new MqttProperties();
		properties.setMessageExpiryInterval(expirySeconds);
		MqttMessage message = PahoV5Client.message(payload, 1, properties);
		message.setRetained(retain);
		connected("publisher").publish(topic, message);
	}

	private PahoV5Client connected(String clientId) throws MqttException {
		PahoV5Client client = this.clients.stream()
			.filter((c) -> c.paho().getClientId().equals(clientId) && c.paho().isConnected())
			.findFirst()
			.orElse(null);
		if (client == null) {
			client = client(clientId);
			client.connect();
		}
		return client;
	}

	private PahoV5Client client(String clientId) {
		PahoV5Client client = this.brokerExtension.pahoV5(clientId);
		this.clients.add(client);
		return client;
	}

}
