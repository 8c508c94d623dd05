package dev.mqttstack.admin.persistence;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperty;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.mqttstack.broker.event.BrokerEvents;
import dev.mqttstack.broker.event.DropReason;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.testsupport.HiveMqClients;
import dev.mqttstack.broker.testsupport.MosquittoClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One publish cannot stall persistence for everyone: the exact {@code mosquitto_pub}
 * command of issue 15 (a user property of 15,000 emoji, 60,001 bytes of UTF-8) is stored
 * and delivered intact after a restart, and an operation PostgreSQL genuinely refuses is
 * dropped alone with a broker event, a metric and a log line naming the client, while
 * every other publish is acknowledged and kept.
 */
@ExtendWith(OutputCaptureExtension.class)
class JournalPoisonTests {

	private static final String EMOJI = "😀".repeat(15_000);

	private final HikariDataSource dataSource = TestDatabases.dataSource(TestDatabases.create());

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final List<String> dropped = new CopyOnWriteArrayList<>();

	private DurableBroker broker;

	@AfterEach
	void close() {
		if (this.broker != null) {
			this.broker.close();
		}
		this.dataSource.close();
	}

	@Test
	void aSixtyKilobyteEmojiUserPropertyIsStoredAndDeliveredAfterARestartAndLaterPublishesAreAcknowledged()
			throws Exception {
		String mosquittoPub = MosquittoClients.require("mosquitto_pub");
		start();
		leaveSession("victim", "p/x");
		leaveSession("other-user", "q/#");

		assertThat(mosquittoPub(mosquittoPub, "-q", "1", "-t", "p/x")).as("mosquitto_pub QoS 1 is acknowledged")
			.isZero();
		assertThat(mosquittoPub(mosquittoPub, "-q", "0", "-r", "-t", "p/retained")).isZero();
		try (DurableClient publisher = DurableClient.connect(this.broker.port(), "publisher", true, false)) {
			List<IMqttToken> later = new CopyOnWriteArrayList<>();
			for (int i = 0; i < 20; i++) {
				later.add(publisher.publish("q/later", "later-" + i, 1, false));
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> later.stream().allMatch(IMqttToken::isComplete));
			assertThat(later).allMatch((token) -> token.getException() == null);
		}
		assertThat(this.broker.journal.droppedOperations()).isZero();
		assertThat(this.broker.journal.isAvailable()).isTrue();
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		assertThat(
				jdbc.queryForObject("SELECT length(properties) FROM mqtt_message WHERE topic = 'p/x'", Integer.class))
			.as("the stored properties")
			.isGreaterThan(60_000);

		this.broker.close();
		start();
		Mqtt5BlockingClient victim = client("victim");
		try (Mqtt5BlockingClient.Mqtt5Publishes received = victim.publishes(MqttGlobalPublishFilter.ALL)) {
			assertThat(victim.connectWith().cleanStart(false).sessionExpiryInterval(3600).send().isSessionPresent())
				.isTrue();
			assertEmojiProperty(received.receive(10, TimeUnit.SECONDS).orElseThrow(), "p/x");
			victim.disconnect();
		}
		Mqtt5BlockingClient reader = client("reader");
		try (Mqtt5BlockingClient.Mqtt5Publishes received = reader.publishes(MqttGlobalPublishFilter.ALL)) {
			reader.connect();
			reader.subscribeWith().topicFilter("p/retained").qos(MqttQos.AT_LEAST_ONCE).send();
			Mqtt5Publish retained = received.receive(10, TimeUnit.SECONDS).orElseThrow();
			assertThat(retained.isRetain()).isTrue();
			assertEmojiProperty(retained, "p/retained");
			reader.disconnect();
		}
	}

	private static void assertEmojiProperty(Mqtt5Publish publish, String topic) {
		assertThat(publish.getTopic().toString()).isEqualTo(topic);
		assertThat(text(publish)).isEqualTo("x");
		assertThat(publish.getUserProperties().asList()).hasSize(1);
		Mqtt5UserProperty property = publish.getUserProperties().asList().get(0);
		assertThat(property.getName().toString()).isEqualTo("k");
		assertThat(property.getValue().toString()).isEqualTo(EMOJI);
	}

	@Test
	void anOperationPostgresqlRefusesIsDroppedAloneWithAnEventAMetricAndALogLine(CapturedOutput output)
			throws Exception {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		jdbc.execute("ALTER TABLE mqtt_message ADD CONSTRAINT poison CHECK (topic <> 'poison/refused')");
		jdbc.execute("ALTER TABLE mqtt_retained ADD CONSTRAINT poison CHECK (topic <> 'poison/retained')");
		start();
		leaveSession("poisoned-session", "poison/#");
		try (DurableClient publisher = DurableClient.connect(this.broker.port(), "poison-publisher", true, false)) {
			List<IMqttToken> tokens = new CopyOnWriteArrayList<>();
			tokens.add(publisher.publish("poison/ok-1", "ok-1", 1, false));
			tokens.add(publisher.publish("poison/refused", "refused", 1, false));
			tokens.add(publisher.publish("poison/ok-2", "ok-2", 1, false));
			publisher.publish("poison/retained", "retained", 0, true);
			tokens.add(publisher.publish("poison/ok-3", "ok-3", 1, false));
			await().atMost(Duration.ofSeconds(20)).until(() -> tokens.stream().allMatch(IMqttToken::isComplete));
			assertThat(tokens).allMatch((token) -> token.getException() == null);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.dropped.size() == 2);
		assertThat(this.dropped).containsExactlyInAnyOrder("poisoned-session poison/refused NOT_STORED",
				"poison-publisher poison/retained NOT_STORED");
		assertThat(this.meters.get("mqtt.store.dropped").tag("reason", "unstorable").counter().count()).isEqualTo(2);
		assertThat(output.getOut()).contains("Dropped a session store operation of client 'poisoned-session'")
			.contains("Dropped a session store operation of client 'poison-publisher'");
		assertThat(this.broker.journal.failure()).isNull();
		assertThat(new StoreHealthIndicator(this.broker.journal, Duration.ZERO).health().getStatus())
			.isEqualTo(Status.UP);

		this.broker.close();
		start();
		try (DurableClient session = DurableClient.connect(this.broker.port(), "poisoned-session", false, false)) {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> session.count("ok-1") + session.count("ok-2") + session.count("ok-3") == 3);
			assertThat(session.count("refused")).as("the refused message was not kept").isZero();
		}
	}

	private void start() {
		ObjectProvider<BrokerEvents> events = new StaticListableBeanFactory(Map.of("recorder", new BrokerEvents() {
			@Override
			public void messageDropped(String clientId, Message message, DropReason reason) {
				JournalPoisonTests.this.dropped.add(clientId + " " + message.topic() + " " + reason);
			}
		})).getBeanProvider(BrokerEvents.class);
		this.broker = DurableBroker.start(this.dataSource, new StoreDropReporter(this.meters, events), (builder) -> {
		});
	}

	private int mosquittoPub(String binary, String... options) throws Exception {
		List<String> command = new ArrayList<>(List.of(binary, "-V", "5", "-h", "127.0.0.1", "-p",
				String.valueOf(this.broker.port()), "-i", "emoji-publisher", "-m", "x"));
		command.addAll(List.of(options));
		command.addAll(List.of("-D", "publish", "user-property", "k", EMOJI));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		if (!process.waitFor(15, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			return -1;
		}
		return process.exitValue();
	}

	private void leaveSession(String clientId, String filter) {
		Mqtt5BlockingClient client = client(clientId);
		client.connectWith().cleanStart(true).sessionExpiryInterval(3600).send();
		client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
		client.disconnect();
	}

	private Mqtt5BlockingClient client(String clientId) {
		return HiveMqClients.mqtt5(this.broker.port(), clientId);
	}

	static String text(Mqtt5Publish publish) {
		return new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
	}

}
