package dev.mqttstack.admin.persistence;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.mqttstack.broker.testsupport.HiveMqClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MQTT 5 persistent sessions through a broker restart on PostgreSQL, with the HiveMQ
 * client: subscription options (no local, retain as published) and the MQTT 5 session
 * expiry interval are kept, a short-lived session expires and is purged.
 */
class Mqtt5DurableSessionTests {

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
	void subscriptionOptionsAndSessionExpirySurviveARestart() throws Exception {
		this.broker = DurableBroker.start(this.dataSource, (builder) -> {
		});
		Mqtt5BlockingClient device = client("m5-device");
		device.connectWith().cleanStart(true).sessionExpiryInterval(300).send();
		device.subscribeWith()
			.topicFilter("m5/#")
			.qos(MqttQos.AT_LEAST_ONCE)
			.noLocal(true)
			.retainAsPublished(true)
			.send();
		device.disconnect();
		Mqtt5BlockingClient shortLived = client("m5-short");
		shortLived.connectWith().cleanStart(true).sessionExpiryInterval(1).send();
		shortLived.subscribeWith().topicFilter("m5/#").qos(MqttQos.AT_LEAST_ONCE).send();
		shortLived.disconnect();
		Mqtt5BlockingClient publisher = client("m5-publisher");
		publisher.connect();
		publish(publisher, "m5/retained", "r1", true);
		publish(publisher, "m5/plain", "p1", false);

		this.broker.close();
		this.broker = DurableBroker.start(this.dataSource, (builder) -> {
		});
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> jdbc.queryForObject("SELECT count(*) FROM mqtt_session WHERE client_id = 'm5-short'",
					Integer.class) == 0);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM mqtt_session_message WHERE client_id = 'm5-short'",
				Integer.class))
			.isZero();

		device = client("m5-device");
		try (Mqtt5BlockingClient.Mqtt5Publishes received = device.publishes(MqttGlobalPublishFilter.ALL)) {
			assertThat(device.connectWith().cleanStart(false).sessionExpiryInterval(300).send().isSessionPresent())
				.isTrue();
			Mqtt5Publish retained = received.receive(10, TimeUnit.SECONDS).orElseThrow();
			assertThat(text(retained)).isEqualTo("r1");
			assertThat(retained.isRetain()).as("retain as published").isTrue();
			assertThat(text(received.receive(10, TimeUnit.SECONDS).orElseThrow())).isEqualTo("p1");
			publish(device, "m5/own", "own", false);
			publisher = client("m5-publisher");
			publisher.connect();
			publish(publisher, "m5/after", "after", false);
			assertThat(text(received.receive(10, TimeUnit.SECONDS).orElseThrow())).as("no local").isEqualTo("after");
			publisher.disconnect();
			device.disconnect();
		}
	}

	private Mqtt5BlockingClient client(String clientId) {
		return HiveMqClients.mqtt5(this.broker.port(), clientId);
	}

	private static void publish(Mqtt5BlockingClient client, String topic, String text, boolean retain) {
		client.publishWith()
			.topic(topic)
			.qos(MqttQos.AT_LEAST_ONCE)
			.retain(retain)
			.payload(text.getBytes(StandardCharsets.UTF_8))
			.send();
	}

	private static String text(Mqtt5Publish publish) {
		return new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
	}

}
