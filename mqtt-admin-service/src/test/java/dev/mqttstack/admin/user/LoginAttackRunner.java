package dev.mqttstack.admin.user;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import dev.mqttstack.admin.ApiClient;
import dev.mqttstack.admin.TestDatabase;
import dev.mqttstack.broker.MqttBroker;

/**
 * Measures password guessing against the service with its default hashing (210,000 PBKDF2
 * iterations, bcrypt for admins) and default limits: guesses checked per second for 100
 * parallel wrong CONNECTs from one address (one user name, then random names), the login
 * latency of owners from another address during that attack, and the same for the admin
 * API's HTTP Basic. Not part of the build; run with
 * {@code ./mvnw -pl mqtt-admin-service -am test -Dtest=LoginAttackRunner
 * -Dsurefire.failIfNoSpecifiedTests=false -Dmqtt.login-attack=true}.
 */
@EnabledIfSystemProperty(named = "mqtt.login-attack", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mqtt.broker.port=0", "mqtt.broker.host=127.0.0.1", "mqtt.broker.sys-interval=0s",
				"mqtt.admin.bootstrap-password=runner-admin-secret", "mqtt.admin.auth.cache-ttl=0s" })
@ContextConfiguration(initializers = TestDatabase.Initializer.class)
class LoginAttackRunner {

	private static final long ATTACK_SECONDS = Long.getLong("mqtt.login-attack.seconds", 30);

	/** How often an owner logs in during the MQTT attack. */
	private static final long OWNER_LOGIN_INTERVAL_MILLIS = 1000;

	/** How often the admin calls the API during the HTTP attack. */
	private static final long ADMIN_REQUEST_INTERVAL_MILLIS = 500;

	@LocalServerPort
	private int httpPort;

	@Autowired
	private MqttBroker broker;

	@Test
	@Timeout(value = 10, unit = TimeUnit.MINUTES)
	void measure() throws Exception {
		ApiClient admin = ApiClient.on(this.httpPort).as("admin", "runner-admin-secret");
		for (int i = 0; i < 45; i++) {
			admin.post("/api/v1/users", "{\"username\":\"owner-" + i + "\",\"password\":\"owner-password\"}");
		}
		admin.post("/api/v1/users", "{\"username\":\"victim\",\"password\":\"victim-password\"}");
		List<Long> quiet = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			long begin = System.nanoTime();
			connect("127.0.0.2", "owner-" + (40 + i), "owner-password").join();
			quiet.add((System.nanoTime() - begin) / 1_000_000);
		}
		System.out.println("LOGIN-ATTACK MQTT, no attack: uncached owner logins took " + quiet + " ms");
		report("one user name", (i) -> "victim");
		report("random user names", (i) -> "random-" + UUID.randomUUID());
		reportHttp(admin);
	}

	private void report(String label, IntFunction<String> usernames) throws Exception {
		Map<Mqtt5ConnAckReasonCode, LongAdder> outcomes = new ConcurrentHashMap<>();
		AtomicBoolean attacking = new AtomicBoolean(true);
		Thread attacker = new Thread(() -> {
			int n = 0;
			while (attacking.get()) {
				List<CompletableFuture<Mqtt5ConnAckReasonCode>> wave = new ArrayList<>();
				for (int i = 0; i < 100; i++) {
					wave.add(connect("127.0.0.1", usernames.apply(n++), "guess-" + n));
				}
				wave.forEach((f) -> outcomes.computeIfAbsent(f.join(), (k) -> new LongAdder()).increment());
			}
		});
		long start = System.nanoTime();
		attacker.start();
		List<Long> latencies = new ArrayList<>();
		int owner = label.startsWith("one") ? 0 : 20;
		while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(ATTACK_SECONDS)) {
			long begin = System.nanoTime();
			Mqtt5ConnAckReasonCode result = connect("127.0.0.2", "owner-" + owner++, "owner-password").join();
			latencies.add((System.nanoTime() - begin) / 1_000_000);
			if (result != Mqtt5ConnAckReasonCode.SUCCESS) {
				System.out.println("LOGIN-ATTACK owner refused: " + result);
			}
			// pacing, not synchronisation: an owner logs in about once a second, as a
			// device
			// reconnecting would, so the samples spread over the whole attack
			Thread.sleep(OWNER_LOGIN_INTERVAL_MILLIS);
		}
		attacking.set(false);
		attacker.join();
		double seconds = (System.nanoTime() - start) / 1e9;
		long checked = outcomes.getOrDefault(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED, new LongAdder()).sum();
		long total = outcomes.values().stream().mapToLong(LongAdder::sum).sum();
		Collections.sort(latencies);
		System.out.printf(
				"LOGIN-ATTACK MQTT, %s, waves of 100 parallel wrong CONNECTs from 127.0.0.1 for %.0f s: %d CONNECTs, "
						+ "%d passwords checked (%.2f guesses/s), outcomes %s; owners from 127.0.0.2 (uncached, "
						+ "%d logins): median %d ms, max %d ms%n",
				label, seconds, total, checked, checked / seconds, outcomes, latencies.size(),
				latencies.get(latencies.size() / 2), latencies.get(latencies.size() - 1));
	}

	private CompletableFuture<Mqtt5ConnAckReasonCode> connect(String localAddress, String username, String password) {
		Mqtt5AsyncClient client = Mqtt5Client.builder()
			.identifier("attack-" + UUID.randomUUID())
			.serverHost("127.0.0.1")
			.serverPort(this.broker.port())
			.transportConfig()
			.localAddress(new InetSocketAddress(localAddress, 0))
			.applyTransportConfig()
			.buildAsync();
		return client.connectWith()
			.simpleAuth()
			.username(username)
			.password(password.getBytes(StandardCharsets.UTF_8))
			.applySimpleAuth()
			.send()
			.handle((ack, ex) -> {
				if (ack != null) {
					client.disconnect();
					return ack.getReasonCode();
				}
				Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
				return (cause instanceof Mqtt5ConnAckException refused) ? refused.getMqttMessage().getReasonCode()
						: Mqtt5ConnAckReasonCode.UNSPECIFIED_ERROR;
			});
	}

	private void reportHttp(ApiClient admin) throws Exception {
		admin.post("/api/v1/admins",
				"{\"username\":\"api-victim\",\"password\":\"victim-password\",\"role\":\"VIEWER\"}");
		Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
		AtomicBoolean attacking = new AtomicBoolean(true);
		ExecutorService pool = Executors.newFixedThreadPool(100);
		long start = System.nanoTime();
		Thread attacker = new Thread(() -> {
			while (attacking.get()) {
				List<Future<Integer>> wave = new ArrayList<>();
				for (int i = 0; i < 100; i++) {
					wave.add(pool.submit(() -> get("127.0.0.1", "api-victim", "guess")));
				}
				for (Future<Integer> status : wave) {
					try {
						statuses.computeIfAbsent(status.get(), (k) -> new LongAdder()).increment();
					}
					catch (Exception ex) {
						statuses.computeIfAbsent(-1, (k) -> new LongAdder()).increment();
					}
				}
			}
		});
		attacker.start();
		List<Long> latencies = new ArrayList<>();
		while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(ATTACK_SECONDS)) {
			long begin = System.nanoTime();
			int status = get("127.0.0.2", "admin", "runner-admin-secret");
			latencies.add((System.nanoTime() - begin) / 1_000_000);
			if (status != 200) {
				System.out.println("LOGIN-ATTACK admin refused: " + status);
			}
			// pacing, not synchronisation: an operator's requests, sampled over the
			// attack
			Thread.sleep(ADMIN_REQUEST_INTERVAL_MILLIS);
		}
		attacking.set(false);
		attacker.join();
		pool.shutdownNow();
		double seconds = (System.nanoTime() - start) / 1e9;
		long checked = statuses.getOrDefault(401, new LongAdder()).sum();
		Collections.sort(latencies);
		System.out.printf(
				"LOGIN-ATTACK HTTP Basic, waves of 100 parallel wrong passwords from 127.0.0.1 for %.0f s: statuses %s, "
						+ "%d passwords checked (%.2f guesses/s); admin GETs from 127.0.0.2 (%d): median %d ms, max %d ms%n",
				seconds, statuses, checked, checked / seconds, latencies.size(), latencies.get(latencies.size() / 2),
				latencies.get(latencies.size() - 1));
	}

	private int get(String localAddress, String username, String password) throws Exception {
		String token = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(localAddress, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", this.httpPort), 10_000);
			socket.setSoTimeout(60_000);
			socket.getOutputStream()
				.write(("GET /api/v1/users HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic " + token
						+ "\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			int b;
			while ((b = in.read()) != -1 && b != '\n') {
				line.write(b);
			}
			return Integer.parseInt(line.toString(StandardCharsets.US_ASCII).split(" ")[1]);
		}
	}

}
