package dev.mqttstack.admin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.mqttstack.admin.PahoClients.Client;
import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.testsupport.MosquittoClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Users and rules created over HTTP, then real Paho clients against the hosted broker.
 */
@AdminServiceTest
class MqttEndToEndTests {

	private static final int NOT_AUTHORIZED = 5;

	private static final int SERVER_UNAVAILABLE = 3;

	@LocalServerPort
	private int httpPort;

	@Autowired
	private MqttBroker broker;

	private ApiClient api;

	private int mqttPort;

	@BeforeEach
	void setUp() {
		this.api = ApiClient.on(this.httpPort).asAdmin();
		this.mqttPort = this.broker.port();
	}

	@Test
	void rightPasswordConnectsAndWrongUnknownOrDisabledAreNotAuthorized() throws Exception {
		createUser("e2e-login", "right", false);
		try (Client client = PahoClients.connect(this.mqttPort, "e2e-login-1", "e2e-login", "right")) {
			assertThat(client.isConnected()).isTrue();
		}
		assertRefused("e2e-login", "wrong");
		assertRefused("e2e-nobody", "right");
		assertRefused(null, null);
		createUser("e2e-disabled", "right", false);
		this.api.patch("/api/v1/users/e2e-disabled", "{\"enabled\":false}");
		assertRefused("e2e-disabled", "right");
	}

	@Test
	void allowedPublishArrivesAndDeniedDoesNot() throws Exception {
		createUser("e2e-pub", "pw", false);
		createUser("e2e-watch", "pw", true);
		rule("e2e-pub", "e2e/allowed/#", "publish", "allow", 0);
		try (Client watcher = PahoClients.connect(this.mqttPort, "e2e-watch-1", "e2e-watch", "pw");
				Client publisher = PahoClients.connect(this.mqttPort, "e2e-pub-1", "e2e-pub", "pw")) {
			assertThat(watcher.subscribe("e2e/#", 1)).isEqualTo(1);
			publisher.publish("e2e/denied/x", "no");
			publisher.publish("e2e/allowed/x", "yes");
			await().atMost(Duration.ofSeconds(10)).until(() -> watcher.received().contains("e2e/allowed/x=yes"));
			assertThat(watcher.received()).containsExactly("e2e/allowed/x=yes");
			assertThat(publisher.isConnected()).isTrue();
		}
	}

	@Test
	void deniedSubscribeGetsAFailureReturnCode() throws Exception {
		createUser("e2e-sub", "pw", false);
		rule("e2e-sub", "e2e/sub/open/#", "subscribe", "allow", 0);
		try (Client client = PahoClients.connect(this.mqttPort, "e2e-sub-1", "e2e-sub", "pw")) {
			assertThat(client.subscribe("e2e/sub/open/+", 1)).isEqualTo(1);
			assertThat(client.subscribe("e2e/sub/closed", 1)).isEqualTo(128);
			assertThat(client.subscribe("e2e/sub/#", 1)).isEqualTo(128);
		}
	}

	@Test
	void ruleChangesApplyToTheNextDeliveryOfConnectedClients() throws Exception {
		createUser("e2e-recv", "pw", false);
		createUser("e2e-send", "pw", true);
		rule("e2e-recv", "e2e/recv/#", "subscribe", "allow", 0);
		try (Client receiver = PahoClients.connect(this.mqttPort, "e2e-recv-1", "e2e-recv", "pw");
				Client sender = PahoClients.connect(this.mqttPort, "e2e-send-1", "e2e-send", "pw")) {
			assertThat(receiver.subscribe("e2e/recv/#", 1)).isEqualTo(1);
			sender.publish("e2e/recv/secret", "before");
			await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().contains("e2e/recv/secret=before"));
			rule("e2e-recv", "e2e/recv/secret", "subscribe", "deny", 0);
			sender.publish("e2e/recv/secret", "after");
			sender.publish("e2e/recv/public", "after");
			await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().contains("e2e/recv/public=after"));
			assertThat(receiver.received()).containsExactly("e2e/recv/secret=before", "e2e/recv/public=after");
		}
	}

	@Test
	void disablingTheUserKicksTheLiveClientAtOnce() throws Exception {
		createUser("e2e-kick", "pw", false);
		try (Client client = PahoClients.connect(this.mqttPort, "e2e-kick-1", "e2e-kick", "pw")) {
			assertThat(this.api.patch("/api/v1/users/e2e-kick", "{\"enabled\":false}").status()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(5)).until(() -> !client.isConnected());
		}
		assertRefused("e2e-kick", "pw");
	}

	@Test
	void changingThePasswordOrDeletingTheUserKicksTheLiveClient() throws Exception {
		createUser("e2e-rotate", "old", false);
		try (Client client = PahoClients.connect(this.mqttPort, "e2e-rotate-1", "e2e-rotate", "old")) {
			this.api.patch("/api/v1/users/e2e-rotate", "{\"password\":\"new\"}");
			await().atMost(Duration.ofSeconds(5)).until(() -> !client.isConnected());
		}
		assertRefused("e2e-rotate", "old");
		try (Client client = PahoClients.connect(this.mqttPort, "e2e-rotate-2", "e2e-rotate", "new")) {
			assertThat(this.api.delete("/api/v1/users/e2e-rotate").status()).isEqualTo(204);
			await().atMost(Duration.ofSeconds(5)).until(() -> !client.isConnected());
		}
		assertRefused("e2e-rotate", "new");
	}

	@Test
	void importedMosquittoPasswordFilesLogIn(@TempDir Path directory) throws Exception {
		this.api.postText("/api/v1/users/import",
				"""
						e2e-vector7:$7$101$Ezuo4G1TqYtTQDL/$Rko31yHY12ryMoyZTBNIUsCPb5SDa4WmUP3Xe2+V6P+QOSW3Gj6IDmpl6zQsAjutb476zEYdBeTw9tU7WZ1new==
						e2e-vector6:$6$vZY4TS+/HBxHw38S$vvjVFECzb8dyuu/mruD2QKTfdFn0WmKxbc+1TsdB0L8EdHk3v9JRmfjHd56+VaTnUcSZOZ/hzkdvWCtxlX7AUQ==
						""");
		try (Client client = PahoClients.connect(this.mqttPort, "e2e-v7", "e2e-vector7", "admin")) {
			assertThat(client.isConnected()).isTrue();
		}
		try (Client client = PahoClients.connect(this.mqttPort, "e2e-v6", "e2e-vector6", "password")) {
			assertThat(client.isConnected()).isTrue();
		}
		String passwd = MosquittoClients.require("mosquitto_passwd");
		Path file = directory.resolve("passwords");
		Process process = new ProcessBuilder(passwd, "-c", "-b", file.toString(), "e2e-debian", "from debian")
			.redirectErrorStream(true)
			.start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isZero();
		ApiClient.Response report = this.api.postText("/api/v1/users/import", Files.readString(file));
		assertThat(report.json().get("created").asInt()).isEqualTo(1);
		try (Client client = PahoClients.connect(this.mqttPort, "e2e-debian-1", "e2e-debian", "from debian")) {
			assertThat(client.isConnected()).isTrue();
		}
		assertRefused("e2e-debian", "from ubuntu");
	}

	@Test
	void repeatedFailuresThrottleTheUsernameFromThatAddressEvenWithTheRightPassword() throws Exception {
		createUser("e2e-throttle", "right", false);
		for (int i = 0; i < 5; i++) {
			assertRefused("e2e-throttle", "wrong-" + i);
		}
		// MQTT 5 "connection rate exceeded" is "server unavailable" for MQTT 3.1.1
		assertRefused("e2e-throttle", "right", SERVER_UNAVAILABLE);
	}

	private void assertRefused(String username, String password) {
		assertRefused(username, password, NOT_AUTHORIZED);
	}

	private void assertRefused(String username, String password, int reasonCode) {
		assertThatExceptionOfType(MqttException.class).isThrownBy(
				() -> PahoClients.connect(this.mqttPort, "refused-" + System.nanoTime(), username, password).close())
			.satisfies((ex) -> assertThat(ex.getReasonCode()).isEqualTo(reasonCode));
	}

	private void createUser(String username, String password, boolean superuser) {
		ApiClient.Response response = this.api.post("/api/v1/users", "{\"username\":\"" + username
				+ "\",\"password\":\"" + password + "\",\"superuser\":" + superuser + "}");
		assertThat(response.status()).as(response.body()).isEqualTo(201);
	}

	private void rule(String username, String topic, String action, String permission, int priority) {
		ApiClient.Response response = this.api.post("/api/v1/acl-rules",
				"{\"username\":\"" + username + "\",\"topic\":\"" + topic + "\",\"action\":\"" + action
						+ "\",\"permission\":\"" + permission + "\",\"priority\":" + priority + "}");
		assertThat(response.status()).as(response.body()).isEqualTo(201);
	}

}
