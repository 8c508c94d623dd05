package dev.mqttstack.admin.console;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.mqttstack.admin.AdminServiceTest;
import dev.mqttstack.admin.ApiClient;
import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.testsupport.HiveMqClients;
import dev.mqttstack.broker.testsupport.MosquittoClients;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the console's browser tests: the whole service (one Spring context shared by
 * every class), one headless Chromium per class, a screenshot of the page on failure, the
 * API as admin, mosquitto clients and HiveMQ clients stopped after each test.
 */
@AdminServiceTest
abstract class ConsoleBrowserTestSupport {

	static ConsoleBrowser browser;

	@RegisterExtension
	static final ScreenshotOnFailure screenshots = new ScreenshotOnFailure(() -> browser);

	@LocalServerPort
	int httpPort;

	@Autowired
	MqttBroker broker;

	@TempDir
	Path workDir;

	ApiClient api;

	MosquittoClients mosquitto;

	private Mqtt5BlockingClient client;

	@BeforeEach
	void startBrowserAndClients() {
		if (browser == null) {
			browser = ConsoleBrowser.startOrSkip(getClass().getSimpleName(), this.httpPort);
		}
		this.api = ApiClient.on(this.httpPort).asAdmin();
		this.mosquitto = new MosquittoClients(this.broker, this.workDir);
	}

	@AfterEach
	void stopClientsAndCheckThePagesLoggedNoError() {
		this.mosquitto.close();
		if (this.client != null) {
			HiveMqClients.disconnectQuietly(this.client);
		}
		if (browser != null) {
			assertThat(browser.pageErrors()).as("script errors or blocked resources in the pages").isEmpty();
		}
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.close();
			browser = null;
		}
	}

	void signInAsAdmin() {
		browser.signIn("admin", AdminServiceTest.ADMIN_PASSWORD);
	}

	/** Creates an MQTT user over the API (already there is fine). */
	void createUser(String username, String password) {
		ApiClient.Response response = this.api.post("/api/v1/users",
				"{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
		assertThat(response.status()).as(response.body()).isIn(201, 409);
	}

	/** Creates an MQTT superuser (no ACL applies) with password {@code <name>-secret}. */
	void createSuperuser(String username) {
		ApiClient.Response response = this.api.post("/api/v1/users",
				"{\"username\":\"" + username + "\",\"password\":\"" + username + "-secret\",\"superuser\":true}");
		assertThat(response.status()).as(response.body()).isIn(201, 409);
	}

	/** Adds an ACL rule over the API. */
	void rule(String username, String topic, String action, String permission) {
		ApiClient.Response response = this.api.post("/api/v1/acl-rules",
				"{\"username\":\"" + username + "\",\"topic\":\"" + topic + "\",\"action\":\"" + action
						+ "\",\"permission\":\"" + permission + "\"}");
		assertThat(response.status()).as(response.body()).isIn(201, 409);
	}

	/**
	 * Connects an MQTT 5 HiveMQ client as a new user; it is disconnected after the test.
	 */
	Mqtt5BlockingClient connectClient(String clientId, String username) {
		createUser(username, username + "-secret");
		this.client = HiveMqClients.mqtt5Builder(this.broker.port(), clientId)
			.simpleAuth()
			.username(username)
			.password((username + "-secret").getBytes(StandardCharsets.UTF_8))
			.applySimpleAuth()
			.buildBlocking();
		this.client.connect();
		return this.client;
	}

	String mqttPort() {
		return Integer.toString(this.broker.port());
	}

}
