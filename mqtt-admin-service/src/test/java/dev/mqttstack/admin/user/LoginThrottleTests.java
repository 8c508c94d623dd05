package dev.mqttstack.admin.user;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LoginThrottleTests {

	@Test
	void repeatedFailuresForAUsernameStartACoolDownThatEnds() {
		LoginThrottle throttle = new LoginThrottle(3, 100, Duration.ofMinutes(1), Duration.ofMillis(300));
		throttle.failed("alice", "10.0.0.1");
		throttle.failed("alice", "10.0.0.2");
		assertThat(throttle.isThrottled("alice", "10.0.0.3")).isFalse();
		throttle.failed("alice", "10.0.0.3");
		assertThat(throttle.isThrottled("alice", "10.0.0.4")).isTrue();
		assertThat(throttle.isThrottled("bob", "10.0.0.4")).isFalse();
		await().atMost(Duration.ofSeconds(5)).until(() -> !throttle.isThrottled("alice", "10.0.0.4"));
	}

	@Test
	void repeatedFailuresFromAnAddressThrottleEveryUsernameFromIt() {
		LoginThrottle throttle = new LoginThrottle(100, 2, Duration.ofMinutes(1), Duration.ofMinutes(1));
		throttle.failed("a", "10.0.0.9");
		throttle.failed("b", "10.0.0.9");
		assertThat(throttle.isThrottled("c", "10.0.0.9")).isTrue();
		assertThat(throttle.isThrottled("c", "10.0.0.10")).isFalse();
	}

	@Test
	void successClearsTheUsernameFailures() {
		LoginThrottle throttle = new LoginThrottle(2, 100, Duration.ofMinutes(1), Duration.ofMinutes(1));
		throttle.failed("alice", "10.0.0.1");
		throttle.succeeded("alice");
		throttle.failed("alice", "10.0.0.1");
		assertThat(throttle.isThrottled("alice", "10.0.0.1")).isFalse();
	}

}
