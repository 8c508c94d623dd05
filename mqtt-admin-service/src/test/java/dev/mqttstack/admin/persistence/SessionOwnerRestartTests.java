package dev.mqttstack.admin.persistence;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.zaxxer.hikari.HikariDataSource;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.mqttstack.broker.SessionInfo;
import dev.mqttstack.broker.testsupport.PasswordAuthenticator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The user a persistent session belongs to is stored with it in PostgreSQL: after a
 * restart the session keeps its owner, a client of another user with its client id is
 * still refused, and the owner resumes it with its queued messages.
 */
class SessionOwnerRestartTests {

	private static final Map<String, String> PASSWORDS = Map.of("owner-1", "owner-pw", "intruder-1", "intruder-pw");

	private final HikariDataSource dataSource = TestDatabases.dataSource(TestDatabases.create());

	private final JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);

	private final List<MqttClient> clients = new CopyOnWriteArrayList<>();

	private DurableBroker broker;

	@AfterEach
	void close() throws MqttException {
		for (MqttClient client : this.clients) {
			if (client.isConnected()) {
				client.disconnectForcibly(0, 1000);
			}
			client.close(true);
		}
		if (this.broker != null) {
			this.broker.close();
		}
		this.dataSource.close();
	}

	@Test
	void theOwnerSurvivesARestartAndAnotherUserIsStillRefused() throws Exception {
		this.broker = start();
		MqttClient owner = connect("dev-1", "owner-1", null);
		owner.subscribe("sensors/owner-1/#", 1);
		owner.disconnect();
		MqttClient publisher = connect("publisher", null, null);
		publisher.publish("sensors/owner-1/t", "queued".getBytes(StandardCharsets.UTF_8), 1, false);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.queryForObject("SELECT count(*) FROM mqtt_session_message WHERE client_id = 'dev-1'",
					Integer.class) == 1);
		publisher.disconnect();
		this.broker.close();

		this.broker = start();
		assertThat(this.jdbc.queryForMap("SELECT owner, owner_recorded FROM mqtt_session WHERE client_id = 'dev-1'"))
			.containsEntry("owner", "owner-1")
			.containsEntry("owner_recorded", true);
		SessionInfo restored = this.broker.broker.session("dev-1").orElseThrow();
		assertThat(restored.owner()).isEqualTo("owner-1");
		assertThat(restored.connected()).isFalse();

		assertThatExceptionOfType(MqttException.class).isThrownBy(() -> connect("dev-1", "intruder-1", null))
			.satisfies((ex) -> assertThat(ex.getReasonCode()).isEqualTo(MqttException.REASON_CODE_INVALID_CLIENT_ID));
		assertThat(this.broker.broker.session("dev-1").orElseThrow().queuedMessages()).isOne();

		List<String> received = new CopyOnWriteArrayList<>();
		MqttClient back = connect("dev-1", "owner-1", received);
		assertThat(back.isConnected()).isTrue();
		await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("queued"));
	}

	@Test
	void aSessionStoredBeforeOwnersWereRecordedIsClaimedByTheNextClient() throws Exception {
		this.jdbc.update("INSERT INTO mqtt_session (client_id, expiry_interval) VALUES ('legacy', -1)");
		this.broker = start();
		assertThat(this.broker.broker.session("legacy").orElseThrow().owner()).isNull();

		MqttClient claimer = connect("legacy", "owner-1", null);
		claimer.disconnect();
		assertThatExceptionOfType(MqttException.class).isThrownBy(() -> connect("legacy", "intruder-1", null))
			.satisfies((ex) -> assertThat(ex.getReasonCode()).isEqualTo(MqttException.REASON_CODE_INVALID_CLIENT_ID));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "owner-1".equals(this.jdbc
				.queryForObject("SELECT owner FROM mqtt_session WHERE client_id = 'legacy'", String.class)));
	}

	private DurableBroker start() {
		return DurableBroker.start(this.dataSource,
				(builder) -> builder.authenticator(new PasswordAuthenticator(PASSWORDS)));
	}

	private MqttClient connect(String clientId, String username, List<String> received) throws MqttException {
		MqttClient client = new MqttClient("tcp://127.0.0.1:" + this.broker.port(), clientId, new MemoryPersistence());
		this.clients.add(client);
		if (received != null) {
			client.setCallback(new MqttCallback() {

				@Override
				public void connectionLost(Throwable cause) {
				}

				@Override
				public void messageArrived(String topic, MqttMessage message) {
					received.add(new String(message.getPayload(), StandardCharsets.UTF_8));
				}

				@Override
				public void deliveryComplete(IMqttDeliveryToken token) {
				}

			});
		}
		MqttConnectOptions options = new MqttConnectOptions();
		options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
		options.setCleanSession(clientId.equals("publisher"));
		options.setAutomaticReconnect(false);
		if (username != null) {
			options.setUserName(username);
			options.setPassword(PASSWORDS.get(username).toCharArray());
		}
		IMqttToken token = client.connectWithResult(options);
		token.waitForCompletion(5000);
		return client;
	}

}
