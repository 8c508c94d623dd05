package dev.mqttstack.admin.user;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginCacheTests {

	private final LoginCache cache = new LoginCache(Duration.ofMinutes(1));

	@Test
	void remembersOnlyTheExactPasswordThatSucceeded() {
		this.cache.put("alice", bytes("right"), true, this.cache.generation());
		assertThat(this.cache.lookup("alice", bytes("right"))).isTrue();
		assertThat(this.cache.lookup("alice", bytes("wrong"))).isNull();
		assertThat(this.cache.lookup("bob", bytes("right"))).isNull();
	}

	@Test
	void invalidationForgetsTheUserAndDiscardsChecksStartedBefore() {
		long before = this.cache.generation();
		this.cache.put("alice", bytes("right"), false, before);
		this.cache.invalidate("alice");
		assertThat(this.cache.lookup("alice", bytes("right"))).isNull();
		this.cache.put("alice", bytes("right"), false, before);
		assertThat(this.cache.lookup("alice", bytes("right"))).isNull();
	}

	@Test
	void zeroTtlCachesNothing() {
		LoginCache off = new LoginCache(Duration.ZERO);
		off.put("alice", bytes("right"), false, off.generation());
		assertThat(off.lookup("alice", bytes("right"))).isNull();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
