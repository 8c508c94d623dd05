package dev.mqttstack.admin.user;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.mqttstack.admin.AdminServiceTest;
import dev.mqttstack.broker.ReasonCode;
import dev.mqttstack.broker.security.AuthenticationRequest;
import dev.mqttstack.broker.security.AuthenticationResult;

import static org.assertj.core.api.Assertions.assertThat;

/** The authenticator against the users in the test PostgreSQL. */
@AdminServiceTest
class MqttUserAuthenticatorTests {

	private static final Executor DIRECT = Runnable::run;

	@Autowired
	private MqttUserRepository users;

	@Test
	void unknownAndDisabledUsersCostAHashLikeAWrongPassword() throws Exception {
		MosquittoPasswordHasher slow = new MosquittoPasswordHasher(100_000);
		this.users.insert("timing-enabled", slow.hash("right"), false, true);
		this.users.insert("timing-disabled", slow.hash("right"), false, false);
		MqttUserAuthenticator authenticator = authenticator(slow, DIRECT, false);
		long wrong = time(authenticator, "timing-enabled", "wrong");
		long unknown = time(authenticator, "timing-nobody", "wrong");
		long disabled = time(authenticator, "timing-disabled", "right");
		assertThat(unknown).isGreaterThan(wrong / 3);
		assertThat(disabled).isGreaterThan(wrong / 3);
	}

	@Test
	void anonymousClientsAreRefusedUnlessAllowed() throws Exception {
		MosquittoPasswordHasher hasher = new MosquittoPasswordHasher(10);
		assertThat(result(authenticator(hasher, DIRECT, false), null, null).reasonCode())
			.isEqualTo(ReasonCode.NOT_AUTHORIZED);
		assertThat(result(authenticator(hasher, DIRECT, true), null, null).isAccepted()).isTrue();
	}

	@Test
	void aFullExecutorRefusesWithServerBusyWithoutBlocking() throws Exception {
		Executor full = (task) -> {
			throw new RejectedExecutionException("full");
		};
		AuthenticationResult result = result(authenticator(new MosquittoPasswordHasher(10), full, false), "someone",
				"pw");
		assertThat(result.reasonCode()).isEqualTo(ReasonCode.SERVER_BUSY);
	}

	@Test
	void acceptedLoginsCarryTheSuperuserAttribute() throws Exception {
		MosquittoPasswordHasher hasher = new MosquittoPasswordHasher(10);
		this.users.insert("attr-root", hasher.hash("pw"), true, true);
		AuthenticationResult result = result(authenticator(hasher, DIRECT, false), "attr-root", "pw");
		assertThat(result.isAccepted()).isTrue();
		assertThat(result.attributes()).containsEntry(MqttUserAuthenticator.SUPERUSER, true);
	}

	private MqttUserAuthenticator authenticator(MosquittoPasswordHasher hasher, Executor executor,
			boolean allowAnonymous) {
		return new MqttUserAuthenticator(this.users, hasher, new LoginCache(Duration.ZERO),
				new LoginThrottle(1000, 1000, Duration.ofMinutes(1), Duration.ofSeconds(1)), executor, allowAnonymous);
	}

	private long time(MqttUserAuthenticator authenticator, String username, String password) throws Exception {
		result(authenticator, username, password);
		long best = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			long start = System.nanoTime();
			assertThat(result(authenticator, username, password).reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
			best = Math.min(best, System.nanoTime() - start);
		}
		return best;
	}

	private static AuthenticationResult result(MqttUserAuthenticator authenticator, String username, String password)
			throws Exception {
		byte[] bytes = (password != null) ? password.getBytes(StandardCharsets.UTF_8) : null;
		AuthenticationRequest request = new AuthenticationRequest("client", username, bytes,
				new InetSocketAddress("127.0.0.1", 40000), 4);
		return authenticator.authenticate(request).toCompletableFuture().get(30, TimeUnit.SECONDS);
	}

}
