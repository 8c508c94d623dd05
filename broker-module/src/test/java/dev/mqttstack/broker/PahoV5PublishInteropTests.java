package dev.mqttstack.broker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.MqttPublish;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mqttstack.broker.security.Authorizer;
import dev.mqttstack.broker.testsupport.BrokerExtension;
import dev.mqttstack.broker.testsupport.PahoV5Client;
import dev.mqttstack.broker.testsupport.PahoV5Inbox;
import dev.mqttstack.broker.testsupport.TestBrokers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Publishing as an Eclipse Paho MQTT 5 application sees it: message properties and
 * request/response, PUBACK reason codes, topic aliases the client sets, receive maximum
 * and maximum packet size in both directions.
 */
class PahoV5PublishInteropTests {

	private static final int BROKER_RECEIVE_MAXIMUM = 2;

	private static final int BROKER_MAXIMUM_PACKET_SIZE = 4096;

	@RegisterExtension
	final BrokerExtension brokerExtension = BrokerExtension.withConfig(PahoV5PublishInteropTests::configure);

	private MqttBroker broker;

	@BeforeEach
	void startBroker() {
		this.broker = this.brokerExtension.broker();
	}

	private static MqttBroker.Builder brokerBuilder() {
		MqttBroker.Builder builder = TestBrokers.builder();
		configure(builder);
		return builder;
	}

	private static void configure(MqttBroker.Builder builder) {
		builder.maxPacketSize(BROKER_MAXIMUM_PACKET_SIZE).authorizer(new Authorizer() {
			@Override
			public boolean canPublish(ClientInfo client, String topic, int qos, boolean retain) {
				return !topic.startsWith("secret/");
			}
		});
	}

	/** Stops the broker a test put in place of the extension's, if any. */
	@AfterEach
	void stopReplacedBroker() {
		this.broker.stop();
	}

	@Test
	void requestAndResponsePropertiesArriveUnchanged() throws MqttException {
		PahoV5Client responder = connected("responder");
		responder.subscribe("requests/+", 1);
		PahoV5Client requester = connected("requester");
		requester.subscribe("replies/requester", 1);
		MqttProperties properties = new MqttProperties();
		properties.setResponseTopic("replies/requester");
		properties.setCorrelationData(bytes("req-42"));
		properties.setContentType("application/json");
		properties.setPayloadFormat(true);
		properties.setMessageExpiryInterval(120L);
		properties.setUserProperties(List.of(new UserProperty("origin", "kitchen"), new UserProperty("trace", "7f3a"),
				new UserProperty("origin", "again")));
		requester.publish("requests/lamp", PahoV5Client.message("{\"on\":true}", 1, properties));

		PahoV5Inbox.Received request = responder.inbox().awaitCount(1).get(0);
		assertThat(request.topic()).isEqualTo("requests/lamp");
		assertThat(request.text()).isEqualTo("{\"on\":true}");
		MqttProperties received = request.properties();
		assertThat(received.getResponseTopic()).isEqualTo("replies/requester");
		assertThat(received.getCorrelationData()).asString(StandardCharsets.UTF_8).isEqualTo("req-42");
		assertThat(received.getContentType()).isEqualTo("application/json");
		assertThat(received.getPayloadFormat()).isTrue();
		assertThat(received.getMessageExpiryInterval()).isBetween(118L, 120L);
		assertThat(received.getUserProperties()).extracting((p) -> p.getKey() + "=" + p.getValue())
			.containsExactly("origin=kitchen", "trace=7f3a", "origin=again");

		MqttProperties reply = new MqttProperties();
		reply.setCorrelationData(received.getCorrelationData());
		responder.publish(received.getResponseTopic(), PahoV5Client.message("done", 1, reply));
		assertThat(requester.inbox().awaitCount(1)).singleElement().satisfies((response) -> {
			assertThat(response.text()).isEqualTo("done");
			assertThat(response.properties().getCorrelationData()).asString(StandardCharsets.UTF_8).isEqualTo("req-42");
			assertThat(response.properties().getPayloadFormat()).isFalse();
			assertThat(response.properties().getContentType()).isNull();
			assertThat(response.properties().getUserProperties()).isEmpty();
		});
	}

	@Test
	void pubackReasonCodesReachTheApplication() throws MqttException {
		PahoV5Client writer = connected("writer");
		assertThat(writer.publish("nobody/listens", "x", 1).getReasonCodes()).as("no matching subscribers")
			.containsExactly(0x10);
		assertThat(writer.publish("secret/plans", "x", 1).getReasonCodes()).as("not authorized").containsExactly(0x87);
		MqttProperties utf8 = new MqttProperties();
		utf8.setPayloadFormat(true);
		MqttMessage notUtf8 = new MqttMessage(new byte[] { (byte) 0xC3, 0x28 }, 1, false, utf8);
		assertThat(writer.publish("text/x", notUtf8).getReasonCodes()).as("payload format invalid")
			.containsExactly(0x99);
		PahoV5Client reader = connected("reader");
		reader.subscribe("text/#", 1);
		assertThat(writer.publish("text/x", "fine", 1).getReasonCodes()).containsExactly(0x00);
		assertThat(reader.inbox().awaitCount(1)).extracting(PahoV5Inbox.Received::text).containsExactly("fine");
		assertThat(writer.paho().isConnected()).as("refused publishes do not end the connection").isTrue();
	}

	/**
	 * The broker refuses an unauthorized QoS 2 publish with PUBREC 0x87, as MQTT 5 says;
	 * Paho 1.2.5 turns a failing PUBREC into an exception on its receiver thread, which
	 * fails the token with that code and ends its own connection.
	 */
	@Test
	void refusedQos2PublishFailsThePahoTokenWithPubrec0x87() throws MqttException {
		PahoV5Client writer = connected("writer");
		assertThatExceptionOfType(MqttException.class).isThrownBy(() -> writer.publish("secret/plans", "x", 2))
			.satisfies((ex) -> assertThat(ex.getReasonCode()).isEqualTo(0x87));
		await().until(() -> !writer.paho().isConnected());
	}

	@Test
	void topicAliasesSetByPahoAreResolvedAndNoneAreSentToAClientThatDidNotAskForThem() throws MqttException {
		PahoV5Client reader = connected("reader");
		reader.subscribe("plant/#", 1);
		PahoV5Client writer = client("writer");
		IMqttToken connack = writer.connect();
		assertThat(connack.getResponseProperties().getTopicAliasMaximum()).isEqualTo(10);
		List<String> topics = List.of("plant/line-4/press/pressure", "plant/line-4/press/pressure",
				"plant/line-4/oven/temperature", "plant/line-4/press/pressure", "plant/line-4/oven/temperature");
		List<String> sent = new ArrayList<>();
		for (int i = 0; i < topics.size(); i++) {
			MqttPublish publish = (MqttPublish) writer.publish(topics.get(i), "m" + i, 1).getRequestMessage();
			sent.add(((publish.getTopicName() != null) ? "'" + publish.getTopicName() + "'" : "-") + " alias "
					+ publish.getProperties().getTopicAlias());
		}
		assertThat(sent).as("what Paho put on the wire")
			.containsExactly("'plant/line-4/press/pressure' alias 1", "- alias 1",
					"'plant/line-4/oven/temperature' alias 2", "- alias 1", "- alias 2");
		List<PahoV5Inbox.Received> received = reader.inbox().awaitCount(topics.size());
		assertThat(received).extracting(PahoV5Inbox.Received::topic).containsExactlyElementsOf(topics);
		assertThat(received).extracting(PahoV5Inbox.Received::text).containsExactly("m0", "m1", "m2", "m3", "m4");
		assertThat(received).extracting((message) -> message.properties().getTopicAlias())
			.as("the reader set no topic alias maximum")
			.containsOnlyNulls();
	}

	@Test
	void theClientsReceiveMaximumLimitsUnacknowledgedMessagesToIt() throws MqttException {
		PahoV5Client reader = client("narrow");
		reader.paho().setManualAcks(true);
		reader.connect((options) -> options.setReceiveMaximum(2));
		reader.subscribe("narrow", 1);
		PahoV5Client writer = connected("writer");
		for (int i = 0; i < 5; i++) {
			writer.publish("narrow", "m" + i, 1);
		}
		assertThat(reader.inbox().awaitCount(2)).extracting(PahoV5Inbox.Received::text).containsExactly("m0", "m1");
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(2))
			.until(() -> reader.inbox().messages().size() == 2);
		acknowledge(reader, 0);
		assertThat(reader.inbox().awaitCount(3)).extracting(PahoV5Inbox.Received::text).endsWith("m2");
		for (int i = 1; i < 5; i++) {
			acknowledge(reader, i);
			reader.inbox().awaitCount(Math.min(i + 3, 5));
		}
		assertThat(reader.inbox().awaitCount(5)).extracting(PahoV5Inbox.Received::text)
			.containsExactly("m0", "m1", "m2", "m3", "m4");
	}

	@Test
	void theBrokersReceiveMaximumIsAdvertisedAndPahoStaysWithinIt() throws MqttException {
		this.broker.stop();
		this.broker = brokerBuilder().receiveMaximum(BROKER_RECEIVE_MAXIMUM).build();
		this.broker.start();
		PahoV5Client reader = connected("reader");
		reader.subscribe("burst", 2);
		PahoV5Client writer = client("burster");
		assertThat(writer.connect().getResponseProperties().getReceiveMaximum()).isEqualTo(BROKER_RECEIVE_MAXIMUM);
		List<IMqttToken> tokens = new ArrayList<>();
		int windowFull = 0;
		for (int i = 0; i < 20; i++) {
			while (true) {
				try {
					tokens.add(writer.paho().publish("burst", bytes("b" + i), 2, false));
					break;
				}
				catch (MqttException ex) {
					// Paho completes a token before it counts the message out of its
					// window
					assertThat(ex.getReasonCode()).isEqualTo(MqttClientException.REASON_CODE_MAX_INFLIGHT);
					windowFull++;
					await().until(() -> writer.paho().getInFlightMessageCount() < BROKER_RECEIVE_MAXIMUM);
				}
			}
		}
		for (IMqttToken token : tokens) {
			token.waitForCompletion(10_000);
			assertThat(token.getReasonCodes()).containsOnly(0x00);
		}
		assertThat(reader.inbox().awaitCount(20)).extracting(PahoV5Inbox.Received::text)
			.containsExactlyElementsOf(IntStream.range(0, 20).mapToObj((i) -> "b" + i).toList());
		assertThat(writer.paho().isConnected()).as("never beyond the window (%d times full)", windowFull).isTrue();
		assertThat(writer.inbox().disconnections()).isEmpty();
	}

	@Test
	void messagesLargerThanTheClientsMaximumPacketSizeAreNotSentToIt() throws MqttException {
		PahoV5Client reader = client("small");
		reader.connect((options) -> options.setMaximumPacketSize(256L));
		reader.subscribe("sizes/#", 1);
		PahoV5Client writer = connected("writer");
		writer.publish("sizes/big", "x".repeat(1000), 1);
		writer.publish("sizes/small", "fits", 1);
		assertThat(reader.inbox().awaitCount(1)).extracting(PahoV5Inbox.Received::topic).containsExactly("sizes/small");
		PahoV5Client roomy = connected("roomy");
		roomy.subscribe("sizes/#", 1);
		writer.publish("sizes/big", "x".repeat(1000), 1);
		writer.publish("sizes/small", "fits", 1);
		assertThat(roomy.inbox().awaitCount(2)).extracting(PahoV5Inbox.Received::topic)
			.containsExactly("sizes/big", "sizes/small");
		assertThat(reader.inbox().awaitCount(2)).extracting(PahoV5Inbox.Received::topic)
			.containsExactly("sizes/small", "sizes/small");
	}

	@Test
	void theBrokersMaximumPacketSizeIsAdvertisedAndALargerPacketEndsTheConnectionWith0x95() throws MqttException {
		PahoV5Client writer = client("oversized");
		assertThat(writer.connect().getResponseProperties().getMaximumPacketSize())
			.isEqualTo(BROKER_MAXIMUM_PACKET_SIZE);
		// Paho 1.2.5 checks outgoing packets against its own maximum, not the broker's
		writer.paho().publish("sizes/huge", bytes("x".repeat(BROKER_MAXIMUM_PACKET_SIZE)), 0, false);
		assertThat(writer.inbox().awaitDisconnected().getReturnCode()).isEqualTo(0x95);
		await().until(() -> !writer.paho().isConnected());
	}

	private static void acknowledge(PahoV5Client reader, int index) throws MqttException {
		MqttMessage message = reader.inbox().messages().get(index).message();
		reader.paho().messageArrivedComplete(message.getId(), message.getQos());
	}

	private PahoV5Client connected(String clientId) throws MqttException {
		PahoV5Client client = client(clientId);
		client.connect();
		return client;
	}

	private PahoV5Client client(String clientId) {
		return this.brokerExtension.closeAfterTest(PahoV5Client.create(this.broker, clientId));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
