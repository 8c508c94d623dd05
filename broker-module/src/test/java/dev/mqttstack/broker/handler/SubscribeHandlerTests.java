package dev.mqttstack.broker.handler;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.security.Authorizer;
import dev.mqttstack.broker.testsupport.BrokerExtension;
import dev.mqttstack.broker.testsupport.Inbox;
import dev.mqttstack.broker.testsupport.PahoClients;
import dev.mqttstack.broker.testsupport.RawMqttClient;

import static org.assertj.core.api.Assertions.assertThat;

class SubscribeHandlerTests {

	@RegisterExtension
	final BrokerExtension brokerExtension = BrokerExtension
		.withConfig((builder) -> builder.authorizer(new Authorizer() {
			@Override
			public boolean canSubscribe(ClientInfo client, String topicFilter, int qos) {
				return !topicFilter.startsWith("private/");
			}
		}));

	private MqttBroker broker;

	private MqttClient publisher;

	@BeforeEach
	void start() {
		this.broker = this.brokerExtension.broker();
		this.publisher = this.brokerExtension.paho("pub");
	}

	@Test
	void invalidAndDeniedFiltersGetFailureReturnCodes() {
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			raw.connect("s", true, 60, 0);
			raw.send(MqttMessageBuilders.subscribe()
				.messageId(9)
				.addSubscription(MqttQoS.AT_LEAST_ONCE, "ok/+")
				.addSubscription(MqttQoS.AT_LEAST_ONCE, "bad/#/x")
				.addSubscription(MqttQoS.EXACTLY_ONCE, "private/x")
				.addSubscription(MqttQoS.EXACTLY_ONCE, "a+")
				.addSubscription(MqttQoS.EXACTLY_ONCE, "fine/#")
				.build());
			MqttSubAckMessage subAck = (MqttSubAckMessage) raw.receive();
			assertThat(subAck.variableHeader().messageId()).isEqualTo(9);
			assertThat(subAck.payload().grantedQoSLevels()).containsExactly(1, 0x80, 0x80, 0x80, 2);
			assertThat(raw.isClosedByBroker()).isFalse();
		}
	}

	@Test
	void overlappingSubscriptionsDeliverOnceAtTheHighestGrantedQos() throws MqttException {
		try (RawMqttClient raw = new RawMqttClient(this.broker.port())) {
			raw.connect("overlap", true, 60, 0);
			raw.subscribe(1, "o/+", 0);
			raw.receive();
			raw.subscribe(2, "o/#", 2);
			raw.receive();
			raw.subscribe(3, "o/x", 1);
			raw.receive();
			this.publisher.publish("o/x", "hi".getBytes(StandardCharsets.UTF_8), 2, false);
			MqttPublishMessage delivered = (MqttPublishMessage) raw.receive();
			assertThat(delivered.fixedHeader().qosLevel()).isEqualTo(MqttQoS.EXACTLY_ONCE);
			raw.send(PublishHandlerTests.ack(MqttMessageType.PUBREC, delivered.variableHeader().packetId()));
			assertThat(raw.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBREL);
			assertThat(raw.poll(Duration.ofMillis(300))).as("no second copy").isNull();
		}
	}

	@Test
	void unsubscribeStopsDelivery() throws MqttException {
		MqttClient subscriber = PahoClients.connect(this.broker, "unsub");
		try {
			Inbox inbox = new Inbox();
			subscriber.subscribe("u/+", 1, inbox);
			this.publisher.publish("u/1", "before".getBytes(StandardCharsets.UTF_8), 1, false);
			inbox.awaitCount(1);
			subscriber.unsubscribe("u/+");
			this.publisher.publish("u/1", "after".getBytes(StandardCharsets.UTF_8), 1, false);
			subscriber.subscribe("marker", 1, inbox);
			this.publisher.publish("marker", "marker".getBytes(StandardCharsets.UTF_8), 1, false);
			assertThat(inbox.awaitCount(2)).extracting(Inbox.Received::text).containsExactly("before", "marker");
		}
		finally {
			PahoClients.closeQuietly(subscriber);
		}
	}

	@Test
	void dollarTopicsAreNotMatchedByLeadingWildcards() throws MqttException {
		// Two clients: Paho dispatches to listeners by its own matching, which ignores
		// the $ rule.
		MqttClient wildcard = PahoClients.connect(this.broker, "wildcard");
		MqttClient dollar = PahoClients.connect(this.broker, "dollar");
		try {
			Inbox everything = new Inbox();
			Inbox system = new Inbox();
			wildcard.subscribe("#", 0, everything);
			dollar.subscribe("$app/#", 0, system);
			this.publisher.publish("$app/x", "dollar".getBytes(StandardCharsets.UTF_8), 1, false);
			this.publisher.publish("plain", "plain".getBytes(StandardCharsets.UTF_8), 1, false);
			assertThat(system.awaitCount(1)).extracting(Inbox.Received::text).containsExactly("dollar");
			assertThat(everything.awaitCount(1)).extracting(Inbox.Received::text).containsExactly("plain");
		}
		finally {
			PahoClients.closeQuietly(wildcard, dollar);
		}
	}

	@Test
	void retainedMessagesAreSentOnWildcardSubscribeWithTheRetainFlagAndClearedByAnEmptyPayload() throws MqttException {
		this.publisher.publish("r/a", "alpha".getBytes(StandardCharsets.UTF_8), 1, true);
		this.publisher.publish("r/b", "beta".getBytes(StandardCharsets.UTF_8), 2, true);
		this.publisher.publish("r/c", "gamma".getBytes(StandardCharsets.UTF_8), 1, true);
		this.publisher.publish("r/c", new byte[0], 1, true);
		this.publisher.publish("r/d", "not retained".getBytes(StandardCharsets.UTF_8), 1, false);
		MqttClient subscriber = PahoClients.connect(this.broker, "late");
		try {
			Inbox inbox = new Inbox();
			subscriber.subscribe("r/+", 1, inbox);
			assertThat(inbox.awaitCount(2)).allSatisfy((message) -> assertThat(message.retained()).isTrue())
				.extracting(Inbox.Received::text)
				.containsExactlyInAnyOrder("alpha", "beta");
			assertThat(inbox.messages()).filteredOn((message) -> message.text().equals("beta"))
				.singleElement()
				.satisfies((message) -> assertThat(message.qos()).as("min(retained QoS 2, granted 1)").isEqualTo(1));
			this.publisher.publish("r/a", "live".getBytes(StandardCharsets.UTF_8), 1, true);
			assertThat(inbox.awaitCount(3).get(2)).satisfies((message) -> {
				assertThat(message.text()).isEqualTo("live");
				assertThat(message.retained()).as("live deliveries carry retain 0").isFalse();
			});
		}
		finally {
			PahoClients.closeQuietly(subscriber);
		}
	}

}
