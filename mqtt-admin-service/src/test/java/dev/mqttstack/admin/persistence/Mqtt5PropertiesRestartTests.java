package dev.mqttstack.admin.persistence;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperty;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.mqttstack.broker.testsupport.HiveMqClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The PostgreSQL path of the MQTT 5 delivery matrix: a publish carrying every PUBLISH
 * property, queued at QoS 1 and QoS 2 for an offline persistent session, reaches the
 * subscriber after a broker restart with exactly those properties (repeated user
 * properties in order) and its expiry interval decremented.
 */
class Mqtt5PropertiesRestartTests {

	private static final long EXPIRY = 3600;

	private final HikariDataSource dataSource = TestDatabases.dataSource(TestDatabases.create());

	private DurableBroker broker;

	@AfterEach
	void close() {
		if (this.broker != null) {
			this.broker.close();
		}
		this.dataSource.close();
	}

	@Test
	void everyPublishPropertyOfAQueuedQos1AndQos2MessageSurvivesARestart() throws Exception {
		this.broker = DurableBroker.start(this.dataSource, (builder) -> {
		});
		Mqtt5BlockingClient subscriber = client("props-subscriber");
		subscriber.connectWith().cleanStart(true).sessionExpiryInterval(3600).send();
		subscriber.subscribeWith().topicFilter("props/#").qos(MqttQos.EXACTLY_ONCE).send();
		subscriber.disconnect();
		Mqtt5BlockingClient publisher = client("props-publisher");
		publisher.connect();
		long publishedAt = System.currentTimeMillis();
		publish(publisher, "props/q1", MqttQos.AT_LEAST_ONCE);
		publish(publisher, "props/q2", MqttQos.EXACTLY_ONCE);
		publisher.disconnect();

		this.broker.close();
		this.broker = DurableBroker.start(this.dataSource, (builder) -> {
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> System.currentTimeMillis() - publishedAt > 1100);

		subscriber = client("props-subscriber");
		try (Mqtt5BlockingClient.Mqtt5Publishes received = subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
			assertThat(subscriber.connectWith().cleanStart(false).sessionExpiryInterval(3600).send().isSessionPresent())
				.isTrue();
			List<Mqtt5Publish> publishes = new ArrayList<>();
			publishes.add(received.receive(10, TimeUnit.SECONDS).orElseThrow());
			publishes.add(received.receive(10, TimeUnit.SECONDS).orElseThrow());
			assertThat(publishes).extracting((publish) -> publish.getTopic().toString())
				.containsExactly("props/q1", "props/q2");
			assertThat(publishes).extracting(Mqtt5Publish::getQos)
				.containsExactly(MqttQos.AT_LEAST_ONCE, MqttQos.EXACTLY_ONCE);
			for (Mqtt5Publish publish : publishes) {
				assertThat(publish.getPayloadFormatIndicator()).contains(Mqtt5PayloadFormatIndicator.UTF_8);
				assertThat(publish.getContentType().map(Object::toString)).contains("text/plain; charset=utf-8");
				assertThat(publish.getResponseTopic().map(Object::toString)).contains("reply/😀");
				assertThat(publish.getCorrelationData().map(Mqtt5PropertiesRestartTests::bytes))
					.hasValueSatisfying((data) -> assertThat(data).containsExactly(0, 1, 2, (byte) 0xff));
				assertThat(publish.getUserProperties().asList())
					.extracting((property) -> property.getName() + "=" + property.getValue())
					.containsExactly("k=1", "a=2", "k=3", "k=1");
				assertThat(publish.getMessageExpiryInterval()).isPresent();
				assertThat(publish.getMessageExpiryInterval().getAsLong()).as("decremented")
					.isLessThan(EXPIRY)
					.isGreaterThan(EXPIRY - 120);
				assertThat(new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("payload");
			}
			subscriber.disconnect();
		}
	}

	private static byte[] bytes(java.nio.ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.duplicate().get(bytes);
		return bytes;
	}

	private static void publish(Mqtt5BlockingClient client, String topic, MqttQos qos) {
		client.publishWith()
			.topic(topic)
			.qos(qos)
			.payloadFormatIndicator(Mqtt5PayloadFormatIndicator.UTF_8)
			.messageExpiryInterval(EXPIRY)
			.contentType("text/plain; charset=utf-8")
			.responseTopic("reply/😀")
			.correlationData(new byte[] { 0, 1, 2, (byte) 0xff })
			.userProperties()
			.add(Mqtt5UserProperty.of("k", "1"))
			.add(Mqtt5UserProperty.of("a", "2"))
			.add(Mqtt5UserProperty.of("k", "3"))
			.add(Mqtt5UserProperty.of("k", "1"))
			.applyUserProperties()
			.payload("payload".getBytes(StandardCharsets.UTF_8))
			.send();
	}

	private Mqtt5BlockingClient client(String clientId) {
		return HiveMqClients.mqtt5(this.broker.port(), clientId);
	}

}
