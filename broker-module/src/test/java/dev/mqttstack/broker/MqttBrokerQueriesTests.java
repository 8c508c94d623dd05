package dev.mqttstack.broker;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5RetainHandling;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.message.MessageProperties;
import dev.mqttstack.broker.sys.BrokerCounts;
import dev.mqttstack.broker.testsupport.BrokerExtension;
import dev.mqttstack.broker.testsupport.HiveMqClients;
import dev.mqttstack.broker.testsupport.PahoClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The broker's operator queries: session snapshots (connected and offline, with client,
 * times and subscription options), retained messages by filter and the counts of
 * sessions, subscriptions and retained messages.
 */
class MqttBrokerQueriesTests {

	@RegisterExtension
	final BrokerExtension brokerExtension = BrokerExtension.create();

	private MqttBroker broker;

	private org.eclipse.paho.client.mqttv3.MqttClient paho;

	private Mqtt5BlockingClient hive;

	@BeforeEach
	void start() {
		this.broker = this.brokerExtension.broker();
	}

	@AfterEach
	void stop() {
		PahoClients.closeQuietly(this.paho);
		if (this.hive != null) {
			HiveMqClients.disconnectQuietly(this.hive);
		}
	}

	@Test
	void offlineSessionShowsItsLastClientTimesSubscriptionsAndQueuedMessages() throws MqttException {
		Instant before = Instant.now();
		this.paho = PahoClients.connect(this.broker, "meter-1", (options) -> {
			options.setCleanSession(false);
			options.setUserName("meter");
			options.setPassword("pw".toCharArray());
		});
		this.paho.subscribe(new String[] { "meter/1/cmd", "meter/all/#" }, new int[] { 1, 2 });
		SessionInfo online = this.broker.session("meter-1").orElseThrow();
		assertThat(online.connected()).isTrue();
		assertThat(online.connectedAt()).isBetween(before, Instant.now());
		assertThat(online.disconnectedAt()).isNull();
		this.paho.disconnect();
		await().until(() -> !this.broker.session("meter-1").orElseThrow().connected());
		for (int i = 0; i < 7; i++) {
			this.broker.publish(Message.of("meter/1/cmd", "command-" + i, 1, false));
		}
		this.broker.publish(Message.of("meter/1/cmd", "not queued offline", 0, false));
		await().until(() -> this.broker.session("meter-1").orElseThrow().queuedMessages() == 7);
		SessionInfo offline = this.broker.session("meter-1").orElseThrow();
		assertThat(offline.queuedBytes()).isEqualTo(7 * "command-0".length());
		assertThat(offline.inflightMessages()).isZero();
		assertThat(offline.expiryIntervalSeconds()).isEqualTo(-1);
		assertThat(offline.client().username()).isEqualTo("meter");
		assertThat(offline.client().protocolVersion()).isEqualTo(4);
		assertThat(offline.client().cleanSession()).isFalse();
		assertThat(offline.client().remoteAddress().getAddress().isLoopbackAddress()).isTrue();
		assertThat(offline.disconnectedAt()).isAfterOrEqualTo(offline.connectedAt());
		assertThat(offline.subscriptions()).containsExactly("meter/1/cmd", "meter/all/#");
		assertThat(offline.subscriptionDetails()).extracting(SubscriptionInfo::topicFilter, SubscriptionInfo::qos)
			.containsExactly(tuple("meter/1/cmd", 1), tuple("meter/all/#", 2));
	}

	@Test
	void mqtt5SubscriptionOptionsAndSessionExpiryAreShown() {
		this.hive = MqttClient.builder()
			.useMqttVersion5()
			.identifier("v5-device")
			.serverHost("127.0.0.1")
			.serverPort(this.broker.port())
			.buildBlocking();
		this.hive.connectWith().cleanStart(true).sessionExpiryInterval(600).send();
		this.hive.subscribeWith()
			.addSubscription()
			.topicFilter("v5/#")
			.qos(MqttQos.AT_LEAST_ONCE)
			.noLocal(true)
			.retainAsPublished(true)
			.retainHandling(Mqtt5RetainHandling.DO_NOT_SEND)
			.applySubscription()
			.send();
		SessionInfo session = this.broker.session("v5-device").orElseThrow();
		assertThat(session.client().protocolVersion()).isEqualTo(5);
		assertThat(session.client().cleanSession()).isTrue();
		assertThat(session.expiryIntervalSeconds()).isEqualTo(600);
		assertThat(session.subscriptionDetails()).singleElement().satisfies((subscription) -> {
			assertThat(subscription.topicFilter()).isEqualTo("v5/#");
			assertThat(subscription.qos()).isEqualTo(1);
			assertThat(subscription.noLocal()).isTrue();
			assertThat(subscription.retainAsPublished()).isTrue();
			assertThat(subscription.retainHandling()).isEqualTo(2);
			assertThat(subscription.subscriptionIdentifier()).as("the HiveMQ client numbers its subscriptions")
				.isPositive();
		});
	}

	@Test
	void sessionsListsConnectedAndOfflineSessionsAndForgetsDiscardedOnes() throws Exception {
		this.paho = PahoClients.connect(this.broker, "list-online");
		PahoClients.closeQuietly(PahoClients.connect(this.broker, "list-offline", false));
		PahoClients.closeQuietly(PahoClients.connect(this.broker, "list-gone", true));
		await().until(() -> !this.broker.hasSession("list-gone")
				&& !this.broker.session("list-offline").orElseThrow().connected());
		List<SessionInfo> sessions = this.broker.sessions().get(5, TimeUnit.SECONDS);
		assertThat(sessions).extracting(SessionInfo::clientId, SessionInfo::connected)
			.containsExactly(tuple("list-offline", false), tuple("list-online", true));
		assertThat(this.broker.sessions((clientId) -> clientId.endsWith("line")).get(5, TimeUnit.SECONDS))
			.extracting(SessionInfo::clientId)
			.containsExactly("list-offline", "list-online");
		assertThat(this.broker.sessions((clientId) -> clientId.contains("off")).get(5, TimeUnit.SECONDS))
			.extracting(SessionInfo::clientId)
			.containsExactly("list-offline");
		assertThat(this.broker.discardSession("list-offline")).isTrue();
		assertThat(this.broker.session("list-offline")).isEmpty();
		assertThat(this.broker.sessions().get(5, TimeUnit.SECONDS)).extracting(SessionInfo::clientId)
			.containsExactly("list-online");
	}

	@Test
	void retainedMessagesAreBrowsedAndClearedByFilter() {
		this.broker.publish(Message.of("site/a/temp", "21.5", 1, true));
		this.broker.publish(Message.of("site/b/temp", "19.0", 0, true));
		this.broker.publish(Message.of("site/a/hum", "40", 0, true));
		this.broker.publish(Message.of("other/x", "keep", 0, true));
		this.broker.publish(new Message("site/c/temp", "old".getBytes(StandardCharsets.UTF_8), 0, true,
				new MessageProperties(null, 1L, null, null, null, List.of()), null,
				System.currentTimeMillis() - 2_000));
		assertThat(this.broker.retained("site/+/temp")).extracting(Message::topic)
			.as("expired messages are left out")
			.containsExactly("site/a/temp", "site/b/temp");
		assertThat(this.broker.retained("site/a/temp")).singleElement().satisfies((message) -> {
			assertThat(new String(message.payload(), StandardCharsets.UTF_8)).isEqualTo("21.5");
			assertThat(message.qos()).isEqualTo(1);
		});
		assertThat(this.broker.clearRetained("site/+/temp")).containsExactly("site/a/temp", "site/b/temp",
				"site/c/temp");
		assertThat(this.broker.retained("#")).extracting(Message::topic).containsExactly("other/x", "site/a/hum");
		assertThat(this.broker.clearRetained("nothing/here")).isEmpty();
	}

	@Test
	void invalidFiltersAreRefusedForRetainedMessages() {
		for (String filter : new String[] { "", "a/#/b", "a+", "$share/g/a", "#x" }) {
			assertThatIllegalArgumentException().as(filter).isThrownBy(() -> this.broker.retained(filter));
			assertThatIllegalArgumentException().as(filter).isThrownBy(() -> this.broker.clearRetained(filter));
		}
	}

	@Test
	void countsFollowSessionsSubscriptionsAndRetainedMessagesAndPublishSaysHowManyGotIt() throws MqttException {
		BrokerCounts before = this.broker.counts();
		this.paho = PahoClients.connect(this.broker, "counted-1", (options) -> options.setCleanSession(false));
		this.paho.subscribe(new String[] { "counted/a", "counted/#" }, new int[] { 1, 0 });
		await().until(() -> this.broker.counts()
			.equals(new BrokerCounts(before.sessions() + 1, before.subscriptions() + 2, before.retainedMessages())));
		assertThat(this.broker.publish(Message.of("counted/a", "kept", 1, true))).as("one session, two filters")
			.isEqualTo(1);
		assertThat(this.broker.publish(Message.of("elsewhere", "none", 0, false))).isZero();
		assertThat(this.broker.counts().retainedMessages()).isEqualTo(before.retainedMessages() + 1);
		this.paho.disconnect();
		await().until(() -> !this.broker.session("counted-1").orElseThrow().connected());
		assertThat(this.broker.counts().sessions()).as("the offline session stays").isEqualTo(before.sessions() + 1);
		this.broker.discardSession("counted-1");
		await().until(() -> this.broker.counts()
			.equals(new BrokerCounts(before.sessions(), before.subscriptions(), before.retainedMessages() + 1)));
	}

}
