package dev.mqttstack.admin.user;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LoginThrottleTests {

	@Test
	void failuresFromOneAddressDoNotLockOutTheSameUserElsewhere() {
		LoginThrottle throttle = new LoginThrottle(limits(3, 100, Duration.ofMinutes(1), 10));
		for (int i = 0; i < 3; i++) {
			fail(throttle, "alice", "10.0.0.1");
		}
		LoginThrottle.Attempt refused = throttle.tryAttempt("alice", "10.0.0.1");
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.refusal()).isEqualTo(LoginThrottle.Refusal.THROTTLED);
		assertThat(refused.retryAfter()).isPositive();
		assertThat(throttle.tryAttempt("alice", "10.0.0.2").allowed()).isTrue();
		assertThat(throttle.tryAttempt("bob", "10.0.0.1").allowed()).isTrue();
	}

	@Test
	void correctPasswordsGiveTheirAttemptsBack() {
		LoginThrottle throttle = new LoginThrottle(limits(2, 2, Duration.ofMinutes(1), 10));
		for (int i = 0; i < 20; i++) {
			LoginThrottle.Attempt attempt = throttle.tryAttempt("alice", "10.0.0.1");
			assertThat(attempt.allowed()).isTrue();
			attempt.finish(true);
		}
	}

	@Test
	void manyUserNamesFromOneAddressSpendTheAddressAllowance() {
		LoginThrottle throttle = new LoginThrottle(limits(100, 5, Duration.ofMinutes(1), 10));
		for (int i = 0; i < 5; i++) {
			fail(throttle, "random-" + i, "10.0.0.9");
		}
		assertThat(throttle.tryAttempt("random-x", "10.0.0.9").allowed()).isFalse();
		assertThat(throttle.tryAttempt("random-x", "10.0.0.10").allowed()).isTrue();
	}

	@Test
	void attemptsInProgressCountBeforeTheyFinish() {
		LoginThrottle throttle = new LoginThrottle(limits(100, 100, Duration.ofMinutes(1), 2));
		LoginThrottle.Attempt first = throttle.tryAttempt("alice", "10.0.0.1");
		LoginThrottle.Attempt second = throttle.tryAttempt("bob", "10.0.0.1");
		LoginThrottle.Attempt third = throttle.tryAttempt("carol", "10.0.0.1");
		assertThat(first.allowed()).isTrue();
		assertThat(second.allowed()).isTrue();
		assertThat(third.allowed()).isFalse();
		assertThat(third.refusal()).isEqualTo(LoginThrottle.Refusal.BUSY);
		assertThat(throttle.tryAttempt("carol", "10.0.0.2").allowed()).isTrue();
		first.finish(false);
		assertThat(throttle.tryAttempt("carol", "10.0.0.1").allowed()).isTrue();
	}

	@Test
	void parallelAttemptsSpendTokensBeforeAnyFinishes() {
		LoginThrottle throttle = new LoginThrottle(limits(3, 100, Duration.ofMinutes(1), 100));
		for (int i = 0; i < 3; i++) {
			assertThat(throttle.tryAttempt("alice", "10.0.0.1").allowed()).isTrue();
		}
		assertThat(throttle.tryAttempt("alice", "10.0.0.1").refusal()).isEqualTo(LoginThrottle.Refusal.THROTTLED);
	}

	@Test
	void aSpentAllowanceComesBackOverTheWindowWithoutAFixedLockout() {
		LoginThrottle throttle = new LoginThrottle(limits(2, 100, Duration.ofMillis(400), 10));
		fail(throttle, "alice", "10.0.0.1");
		fail(throttle, "alice", "10.0.0.1");
		assertThat(throttle.tryAttempt("alice", "10.0.0.1").allowed()).isFalse();
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			LoginThrottle.Attempt attempt = throttle.tryAttempt("alice", "10.0.0.1");
			attempt.finish(false);
			return attempt.allowed();
		});
	}

	private static void fail(LoginThrottle throttle, String username, String address) {
		LoginThrottle.Attempt attempt = throttle.tryAttempt(username, address);
		assertThat(attempt.allowed()).isTrue();
		attempt.finish(false);
	}

	static LoginLimits limits(int perUsernameAndAddress, int perAddress, Duration window, int concurrent) {
		LoginLimits limits = new LoginLimits();
		limits.setMaxFailuresPerUsernameAndAddress(perUsernameAndAddress);
		limits.setMaxFailuresPerAddress(perAddress);
		limits.setFailureWindow(window);
		limits.setMaxConcurrentChecksPerAddress(concurrent);
		return limits;
	}

}
