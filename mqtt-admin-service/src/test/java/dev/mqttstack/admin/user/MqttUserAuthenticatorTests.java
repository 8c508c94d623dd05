package dev.mqttstack.admin.user;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
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

	@Test
	void aBurstFromOneAddressIsThrottledBeforeHashingAndTheOwnerElsewhereLogsInDuringIt() throws Exception {
		MosquittoPasswordHasher slow = new MosquittoPasswordHasher(100_000);
		this.users.insert("burst-owner", slow.hash("right"), false, true);
		ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 1, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1000));
		try {
			MqttUserAuthenticator authenticator = new MqttUserAuthenticator(this.users, slow,
					new LoginCache(Duration.ZERO), new LoginThrottle(new LoginLimits()), pool, false);
			List<CompletableFuture<AuthenticationResult>> attack = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				attack.add(authenticator.authenticate(request("burst-owner", "guess-" + i, "10.66.0.1"))
					.toCompletableFuture());
			}
			long start = System.nanoTime();
			AuthenticationResult owner = authenticator.authenticate(request("burst-owner", "right", "10.77.0.1"))
				.toCompletableFuture()
				.get(30, TimeUnit.SECONDS);
			long ownerMillis = (System.nanoTime() - start) / 1_000_000;
			long hashedWhenOwnerWasIn = pool.getTaskCount();
			CompletableFuture.allOf(attack.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
			assertThat(owner.isAccepted()).isTrue();
			// today's defaults: 2 checks in progress per address, so the owner waits
			// for at most 2 attacker hashes, not 100
			assertThat(hashedWhenOwnerWasIn).isLessThanOrEqualTo(3);
			assertThat(ownerMillis).isLessThan(5_000);
			assertThat(attack).extracting((f) -> f.join().reasonCode())
				.isSubsetOf(ReasonCode.NOT_AUTHORIZED, ReasonCode.SERVER_BUSY);
			assertThat(pool.getTaskCount()).isEqualTo(3);
			List<ReasonCode> sequential = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				sequential.add(authenticator.authenticate(request("burst-owner", "again-" + i, "10.66.0.1"))
					.toCompletableFuture()
					.get(30, TimeUnit.SECONDS)
					.reasonCode());
			}
			// 5 attempts per (user name, address): 2 spent in the burst, 3 more now
			assertThat(sequential).filteredOn(ReasonCode.NOT_AUTHORIZED::equals).hasSize(3);
			assertThat(sequential).filteredOn(ReasonCode.CONNECTION_RATE_EXCEEDED::equals).hasSize(7);
			assertThat(pool.getTaskCount()).isEqualTo(6);
			assertThat(authenticator.authenticate(request("burst-owner", "right", "10.77.0.1"))
				.toCompletableFuture()
				.get(30, TimeUnit.SECONDS)
				.isAccepted()).isTrue();
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aPasswordLongerThanMqttAllowsIsRefusedWithoutAHash() throws Exception {
		ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10));
		try {
			MqttUserAuthenticator authenticator = authenticator(new MosquittoPasswordHasher(10), pool, false);
			AuthenticationResult result = authenticator
				.authenticate(new AuthenticationRequest("client", "someone", new byte[65_536],
						new InetSocketAddress("127.0.0.1", 40000), 4))
				.toCompletableFuture()
				.get(30, TimeUnit.SECONDS);
			assertThat(result.reasonCode()).isEqualTo(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
			assertThat(pool.getTaskCount()).isZero();
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static AuthenticationRequest request(String username, String password, String address) {
		return new AuthenticationRequest("client-" + address, username, password.getBytes(StandardCharsets.UTF_8),
				new InetSocketAddress(address, 40000), 4);
	}

	private MqttUserAuthenticator authenticator(MosquittoPasswordHasher hasher, Executor executor,
			boolean allowAnonymous) {
		return new MqttUserAuthenticator(this.users, hasher, new LoginCache(Duration.ZERO),
				new LoginThrottle(LoginThrottleTests.limits(1000, 1000, Duration.ofMinutes(1), 1000)), executor,
				allowAnonymous);
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
