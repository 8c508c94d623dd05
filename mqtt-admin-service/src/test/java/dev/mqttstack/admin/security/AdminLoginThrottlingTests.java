package dev.mqttstack.admin.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;

import dev.mqttstack.admin.AdminServiceTest;
import dev.mqttstack.admin.ApiClient;
import dev.mqttstack.admin.ApiClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP Basic guessing against the admin API, from real sockets on two loopback addresses.
 */
@AdminServiceTest
@ExtendWith(OutputCaptureExtension.class)
class AdminLoginThrottlingTests {

	@LocalServerPort
	private int port;

	@Autowired
	private ConfigurableApplicationContext context;

	@Test
	void parallelWrongPasswordsAreThrottledBeforeHashingAndTheOwnerElsewhereStillLogsIn(CapturedOutput output)
			throws Exception {
		ApiClient admin = ApiClient.on(this.port).asAdmin();
		assertThat(admin.post("/api/v1/admins", """
				{"username":"guessed-viewer","password":"the-real-password","role":"VIEWER"}""").status())
			.isEqualTo(201);
		List<AbstractAuthenticationFailureEvent> failures = new CopyOnWriteArrayList<>();
		this.context.addApplicationListener((ApplicationListener<AbstractAuthenticationFailureEvent>) failures::add);
		ExecutorService attackers = Executors.newFixedThreadPool(100);
		List<Integer> statuses = new ArrayList<>();
		try {
			List<Future<int[]>> responses = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				String guess = "guess-" + i;
				responses.add(attackers.submit(() -> get("127.0.0.1", "guessed-viewer", guess)));
			}
			for (Future<int[]> response : responses) {
				statuses.add(response.get()[0]);
			}
		}
		finally {
			attackers.shutdownNow();
		}
		// 5 attempts per (user name, address): only those are hashed, the rest are 429
		assertThat(statuses).filteredOn((status) -> status == 401).hasSizeLessThanOrEqualTo(5).isNotEmpty();
		assertThat(statuses).filteredOn((status) -> status == 429).hasSizeGreaterThanOrEqualTo(95);
		assertThat(statuses).isSubsetOf(401, 429);
		Response throttled = ApiClient.on(this.port).as("guessed-viewer", "another-guess").get("/api/v1/users");
		assertThat(throttled.status()).isEqualTo(429);
		assertThat(throttled.contentType()).startsWith("application/problem+json");
		assertThat(throttled.json().get("type").asString()).isEqualTo("https://mqttstack.dev/problems/too-many-logins");
		assertThat(Long.parseLong(throttled.headers().getFirst("Retry-After"))).isPositive();
		assertThat(get("127.0.0.2", "guessed-viewer", "the-real-password")[0]).isEqualTo(200);
		assertThat(failures).isNotEmpty()
			.hasSizeLessThanOrEqualTo(5)
			.allMatch((event) -> event instanceof AuthenticationFailureBadCredentialsEvent)
			.allMatch((event) -> "guessed-viewer".equals(event.getAuthentication().getName()));
		assertThat(output).contains("Failed admin login for 'guessed-viewer' from 127.0.0.1");
	}

	/** A GET of {@code /api/v1/users} from a chosen local address; returns the status. */
	private int[] get(String localAddress, String username, String password) throws IOException {
		String token = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(localAddress, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 10_000);
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET /api/v1/users HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic " + token
					+ "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			int b;
			while ((b = in.read()) != -1 && b != '\n') {
				line.write(b);
			}
			String status = line.toString(StandardCharsets.US_ASCII);
			return new int[] { Integer.parseInt(status.split(" ")[1]) };
		}
	}

}
