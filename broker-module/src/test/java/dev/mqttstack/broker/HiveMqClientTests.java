package dev.mqttstack.broker;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient.Mqtt3Publishes;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.mqttstack.broker.testsupport.BrokerExtension;
import dev.mqttstack.broker.testsupport.HiveMqClients;
import dev.mqttstack.broker.testsupport.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The HiveMQ MQTT client (MQTT 3.1.1) against the broker: wildcards, QoS, retained
 * messages, last will and persistent sessions.
 */
class HiveMqClientTests {

	@RegisterExtension
	final BrokerExtension brokerExtension = BrokerExtension.create();

	/** Closed after the test, before the clients are. */
	private final List<AutoCloseable> closeables = new ArrayList<>();

	private MqttBroker broker;

	@BeforeEach
	void startBroker() {
		this.broker = this.brokerExtension.broker();
	}

	@AfterEach
	void closeProxiesAndStreams() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	@Test
	void cleanSessionConnectsWithoutSessionPresent() {
		Mqtt3ConnAck connAck = client("hive-1").connectWith().cleanSession(true).keepAlive(30).send();
		assertThat(connAck.getReturnCode()).isEqualTo(Mqtt3ConnAckReturnCode.SUCCESS);
		assertThat(connAck.isSessionPresent()).isFalse();
		assertThat(this.broker.clients()).singleElement().satisfies((client) -> {
			assertThat(client.clientId()).isEqualTo("hive-1");
			assertThat(client.protocolVersion()).isEqualTo(4);
			assertThat(client.cleanSession()).isTrue();
			assertThat(client.keepAliveSeconds()).isEqualTo(30);
		});
	}

	@Test
	void singleLevelWildcardMatchesExactlyOneLevel() {
		Mqtt3Publishes received = subscribed("reader", "sensors/+/temp", MqttQos.AT_LEAST_ONCE);
		Mqtt3BlockingClient publisher = connected("writer");
		for (String topic : List.of("sensors/kitchen/temp", "sensors/kitchen/hall/temp", "sensors/temp",
				"sensors//temp", "sensors/kitchen/humidity", "sensors/end/temp")) {
			publish(publisher, topic, topic, MqttQos.AT_LEAST_ONCE, false);
		}
		assertThat(receive(received, 3)).extracting(HiveMqClientTests::topic)
			.containsExactly("sensors/kitchen/temp", "sensors//temp", "sensors/end/temp");
	}

	@Test
	void multiLevelWildcardMatchesTheParentAndEveryLevelBelow() {
		Mqtt3Publishes received = subscribed("reader", "home/#", MqttQos.AT_LEAST_ONCE);
		Mqtt3BlockingClient publisher = connected("writer");
		for (String topic : List.of("home", "homes/kitchen", "home/kitchen", "garden/home", "home/kitchen/light/1",
				"home/end")) {
			publish(publisher, topic, topic, MqttQos.AT_LEAST_ONCE, false);
		}
		assertThat(receive(received, 4)).extracting(HiveMqClientTests::topic)
			.containsExactly("home", "home/kitchen", "home/kitchen/light/1", "home/end");
	}

	@Test
	void overlappingSubscriptionsDeliverOnceAtTheHighestGrantedQos() {
		Mqtt3BlockingClient subscriber = connected("reader");
		Mqtt3Publishes received = publishes(subscriber);
		subscriber.subscribeWith().topicFilter("plant/+/pressure").qos(MqttQos.AT_MOST_ONCE).send();
		subscriber.subscribeWith().topicFilter("plant/#").qos(MqttQos.EXACTLY_ONCE).send();
		Mqtt3BlockingClient publisher = connected("writer");
		publish(publisher, "plant/boiler/pressure", "7 bar", MqttQos.EXACTLY_ONCE, false);
		publish(publisher, "plant/end", "end", MqttQos.EXACTLY_ONCE, false);
		assertThat(receive(received, 2)).extracting(HiveMqClientTests::text, (publish) -> publish.getQos())
			.containsExactly(tuple("7 bar", MqttQos.EXACTLY_ONCE), tuple("end", MqttQos.EXACTLY_ONCE));
	}

	@Test
	void leadingWildcardsDoNotMatchTopicsStartingWithDollar() {
		Mqtt3Publishes wildcards = subscribed("everything", "#", MqttQos.AT_LEAST_ONCE);
		Mqtt3BlockingClient plusReader = connected("plus");
		Mqtt3Publishes plus = publishes(plusReader);
		plusReader.subscribeWith().topicFilter("+/status").qos(MqttQos.AT_LEAST_ONCE).send();
		Mqtt3Publishes dollar = subscribed("dollar", "$internal/#", MqttQos.AT_LEAST_ONCE);
		Mqtt3BlockingClient publisher = connected("writer");
		publish(publisher, "$internal/status", "hidden", MqttQos.AT_LEAST_ONCE, false);
		publish(publisher, "public/status", "visible", MqttQos.AT_LEAST_ONCE, false);
		assertThat(receive(wildcards, 1)).extracting(HiveMqClientTests::topic).containsExactly("public/status");
		assertThat(receive(plus, 1)).extracting(HiveMqClientTests::topic).containsExactly("public/status");
		assertThat(receive(dollar, 1)).extracting(HiveMqClientTests::topic).containsExactly("$internal/status");
	}

	@ParameterizedTest(name = "published at QoS {0}, subscribed at QoS {1}")
	@CsvSource({ "0,0", "0,1", "0,2", "1,0", "1,1", "1,2", "2,0", "2,1", "2,2" })
	void deliveryQosIsTheLowerOfPublishAndSubscriptionQos(int publishQos, int subscriptionQos) {
		Mqtt3BlockingClient subscriber = connected("reader");
		Mqtt3Publishes received = publishes(subscriber);
		Mqtt3SubAck subAck = subscriber.subscribeWith()
			.topicFilter("qos/test")
			.qos(MqttQos.fromCode(subscriptionQos))
			.send();
		assertThat(subAck.getReturnCodes()).singleElement()
			.satisfies((code) -> assertThat(code.getCode()).isEqualTo(subscriptionQos));
		publish(connected("writer"), "qos/test", "hello", MqttQos.fromCode(publishQos), false);
		assertThat(receive(received, 1)).singleElement().satisfies((publish) -> {
			assertThat(text(publish)).isEqualTo("hello");
			assertThat(publish.getQos().getCode()).isEqualTo(Math.min(publishQos, subscriptionQos));
		});
	}

	@Test
	void retainedMessageArrivesOnSubscribeWithRetainSetAndLiveMessagesWithRetainClear() {
		Mqtt3BlockingClient publisher = connected("writer");
		publish(publisher, "status/door", "open", MqttQos.AT_LEAST_ONCE, true);
		Mqtt3Publishes received = subscribed("reader", "status/#", MqttQos.AT_LEAST_ONCE);
		assertThat(receive(received, 1)).singleElement().satisfies((publish) -> {
			assertThat(text(publish)).isEqualTo("open");
			assertThat(publish.isRetain()).isTrue();
		});
		publish(publisher, "status/door", "closed", MqttQos.AT_LEAST_ONCE, true);
		publish(publisher, "status/door", "ajar", MqttQos.AT_LEAST_ONCE, false);
		assertThat(receive(received, 2)).allSatisfy((publish) -> assertThat(publish.isRetain()).isFalse())
			.extracting(HiveMqClientTests::text)
			.containsExactly("closed", "ajar");
		Mqtt3Publishes later = subscribed("later", "status/door", MqttQos.AT_MOST_ONCE);
		assertThat(receive(later, 1)).singleElement().satisfies((publish) -> {
			assertThat(text(publish)).isEqualTo("closed");
			assertThat(publish.isRetain()).isTrue();
		});
	}

	@Test
	void willIsPublishedWhenTheConnectionDropsWithoutDisconnect() {
		Mqtt3Publishes wills = subscribed("watcher", "wills/#", MqttQos.EXACTLY_ONCE);
		TcpProxy proxy = new TcpProxy(this.broker.port());
		this.closeables.add(proxy);
		Mqtt3BlockingClient device = client("device-7", proxy.port());
		device.connectWith()
			.willPublish()
			.topic("wills/device-7")
			.payload("device-7 lost".getBytes(StandardCharsets.UTF_8))
			.qos(MqttQos.AT_LEAST_ONCE)
			.retain(true)
			.applyWillPublish()
			.send();
		proxy.cutConnections();
		assertThat(receive(wills, 1)).singleElement().satisfies((will) -> {
			assertThat(topic(will)).isEqualTo("wills/device-7");
			assertThat(text(will)).isEqualTo("device-7 lost");
			assertThat(will.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
			assertThat(will.isRetain()).isFalse();
		});
		Mqtt3Publishes later = subscribed("later", "wills/device-7", MqttQos.EXACTLY_ONCE);
		assertThat(receive(later, 1)).singleElement().satisfies((will) -> {
			assertThat(text(will)).isEqualTo("device-7 lost");
			assertThat(will.isRetain()).isTrue();
		});
	}

	@Test
	void willIsDiscardedAfterDisconnect() {
		Mqtt3BlockingClient watcher = connected("watcher");
		Mqtt3Publishes wills = publishes(watcher);
		watcher.subscribeWith().topicFilter("wills/#").qos(MqttQos.AT_LEAST_ONCE).send();
		Mqtt3BlockingClient device = client("device-8");
		device.connectWith()
			.willPublish()
			.topic("wills/device-8")
			.payload("must not be sent".getBytes(StandardCharsets.UTF_8))
			.applyWillPublish()
			.send();
		device.disconnect();
		await().until(() -> this.broker.clients().stream().noneMatch((c) -> c.clientId().equals("device-8")));
		publish(watcher, "wills/marker", "marker", MqttQos.AT_LEAST_ONCE, false);
		assertThat(receive(wills, 1)).extracting(HiveMqClientTests::text).containsExactly("marker");
	}

	@Test
	void persistentSessionReceivesQos1MessagesQueuedWhileOfflineInOrder() {
		Mqtt3BlockingClient first = client("durable");
		assertThat(first.connectWith().cleanSession(false).send().isSessionPresent()).isFalse();
		first.subscribeWith().topicFilter("queue/#").qos(MqttQos.AT_LEAST_ONCE).send();
		first.disconnect();
		await().until(() -> this.broker.clients().stream().noneMatch((c) -> c.clientId().equals("durable")));
		Mqtt3BlockingClient publisher = connected("writer");
		List<String> sent = IntStream.range(0, 20).mapToObj((i) -> "message-" + i).toList();
		for (String payload : sent) {
			publish(publisher, "queue/jobs", payload, MqttQos.AT_LEAST_ONCE, false);
		}
		Mqtt3BlockingClient second = client("durable");
		Mqtt3Publishes received = publishes(second);
		assertThat(second.connectWith().cleanSession(false).send().isSessionPresent()).isTrue();
		assertThat(receive(received, sent.size()))
			.allSatisfy((publish) -> assertThat(publish.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE))
			.extracting(HiveMqClientTests::text)
			.containsExactlyElementsOf(sent);
	}

	private Mqtt3BlockingClient client(String clientId) {
		return client(clientId, this.broker.port());
	}

	private Mqtt3BlockingClient client(String clientId, int port) {
		return this.brokerExtension.clients().add(HiveMqClients.mqtt3(port, clientId));
	}

	private Mqtt3BlockingClient connected(String clientId) {
		Mqtt3BlockingClient client = client(clientId);
		client.connect();
		return client;
	}

	/** Every message a client receives from now on, closed after the test. */
	private Mqtt3Publishes publishes(Mqtt3BlockingClient client) {
		Mqtt3Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL);
		this.closeables.add(publishes);
		return publishes;
	}

	private Mqtt3Publishes subscribed(String clientId, String topicFilter, MqttQos qos) {
		Mqtt3BlockingClient client = connected(clientId);
		Mqtt3Publishes publishes = publishes(client);
		client.subscribeWith().topicFilter(topicFilter).qos(qos).send();
		return publishes;
	}

	private static void publish(Mqtt3BlockingClient client, String topic, String payload, MqttQos qos, boolean retain) {
		client.publishWith()
			.topic(topic)
			.payload(payload.getBytes(StandardCharsets.UTF_8))
			.qos(qos)
			.retain(retain)
			.send();
	}

	/** Receives this many messages, failing when one takes more than five seconds. */
	private static List<Mqtt3Publish> receive(Mqtt3Publishes publishes, int count) {
		List<Mqtt3Publish> received = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			try {
				received.add(publishes.receive(5, TimeUnit.SECONDS)
					.orElseThrow(() -> new AssertionError(
							"Only " + received.size() + " of " + count + " messages arrived: " + received)));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		return received;
	}

	private static String topic(Mqtt3Publish publish) {
		return publish.getTopic().toString();
	}

	private static String text(Mqtt3Publish publish) {
		return new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
	}

}
