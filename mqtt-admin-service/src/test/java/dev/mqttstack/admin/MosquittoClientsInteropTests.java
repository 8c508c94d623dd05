package dev.mqttstack.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.testsupport.MosquittoClients;
import dev.mqttstack.broker.testsupport.RequiresMosquittoClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Debian's {@code mosquitto_pub} and {@code mosquitto_sub} with {@code -u}/{@code -P}
 * against the hosted broker, with users and rules created over HTTP.
 */
@AdminServiceTest
@RequiresMosquittoClients
class MosquittoClientsInteropTests {

	/** Every process a test started, killed by its handle after the test. */
	private static final List<Process> started = new CopyOnWriteArrayList<>();

	@LocalServerPort
	private int httpPort;

	@Autowired
	private MqttBroker broker;

	private ApiClient api;

	private String pub;

	private String sub;

	@BeforeEach
	void setUp() {
		this.pub = MosquittoClients.require("mosquitto_pub");
		this.sub = MosquittoClients.require("mosquitto_sub");
		this.api = ApiClient.on(this.httpPort).asAdmin();
	}

	@AfterEach
	void killProcesses() {
		started.forEach(Process::destroyForcibly);
		started.clear();
	}

	@Test
	void allowedPublishFromMosquittoPubReachesMosquittoSubAndDeniedDoesNot() throws Exception {
		createUser("mq-pub", "pub secret");
		createUser("mq-sub", "sub secret");
		rule("mq-pub", "mq/allowed/#", "publish", "allow");
		rule("mq-sub", "mq/#", "subscribe", "allow");
		// Line-buffered, so the SUBACK line shows before mosquitto_sub exits.
		Running subscriber = start("stdbuf", "-oL", this.sub, "-d", "-V", "mqttv311", "-h", "127.0.0.1", "-p", port(),
				"-i", "mq-sub-1", "-u", "mq-sub", "-P", "sub secret", "-t", "mq/#", "-q", "1", "-C", "1", "-W", "20");
		await().atMost(Duration.ofSeconds(15)).until(() -> subscriber.output().contains("SUBACK"));
		assertThat(run(this.pub, "-V", "mqttv311", "-h", "127.0.0.1", "-p", port(), "-u", "mq-pub", "-P", "pub secret",
				"-q", "1", "-t", "mq/denied/x", "-m", "denied-payload"))
			.isZero();
		assertThat(run(this.pub, "-V", "mqttv311", "-h", "127.0.0.1", "-p", port(), "-u", "mq-pub", "-P", "pub secret",
				"-q", "1", "-t", "mq/allowed/x", "-m", "allowed-payload"))
			.isZero();
		assertThat(subscriber.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
		assertThat(subscriber.output()).contains("allowed-payload").doesNotContain("denied-payload");
	}

	@Test
	void wrongPasswordIsRefusedAsNotAuthorised() throws Exception {
		createUser("mq-wrong", "right");
		Running refused = start(this.pub, "-V", "mqttv311", "-h", "127.0.0.1", "-p", port(), "-u", "mq-wrong", "-P",
				"wrong", "-t", "mq/x", "-m", "hello");
		assertThat(refused.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
		assertThat(refused.process().exitValue()).isNotZero();
		assertThat(refused.output()).containsIgnoringCase("not authori");
		assertThat(run(this.pub, "-V", "mqttv311", "-h", "127.0.0.1", "-p", port(), "-u", "mq-wrong", "-P", "right",
				"-t", "mq/x", "-m", "hello"))
			.isZero();
	}

	@Test
	void deniedSubscribeFromMosquittoSubIsRefused() throws Exception {
		createUser("mq-denied", "pw");
		Running subscriber = start(this.sub, "-d", "-V", "mqttv311", "-h", "127.0.0.1", "-p", port(), "-u", "mq-denied",
				"-P", "pw", "-t", "mq/forbidden/#", "-W", "5");
		assertThat(subscriber.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
		assertThat(subscriber.output()).contains("SUBACK").containsIgnoringCase("denied");
	}

	private String port() {
		return String.valueOf(this.broker.port());
	}

	private void createUser(String username, String password) {
		ApiClient.Response response = this.api.post("/api/v1/users",
				"{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
		assertThat(response.status()).as(response.body()).isEqualTo(201);
	}

	private void rule(String username, String topic, String action, String permission) {
		ApiClient.Response response = this.api.post("/api/v1/acl-rules",
				"{\"username\":\"" + username + "\",\"topic\":\"" + topic + "\",\"action\":\"" + action
						+ "\",\"permission\":\"" + permission + "\"}");
		assertThat(response.status()).as(response.body()).isEqualTo(201);
	}

	private static int run(String... command) throws Exception {
		Running running = start(command);
		assertThat(running.process().waitFor(20, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
		return running.process().exitValue();
	}

	private static Running start(String... command) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		started.add(process);
		List<String> lines = new CopyOnWriteArrayList<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = in.readLine()) != null) {
					lines.add(line);
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		}, "mosquitto-output");
		reader.setDaemon(true);
		reader.start();
		return new Running(process, lines, reader);
	}

	private record Running(Process process, List<String> lines, Thread reader) {

		String output() throws InterruptedException {
			if (!this.process.isAlive()) {
				this.reader.join(5_000);
			}
			return String.join("\n", this.lines);
		}

	}

}
