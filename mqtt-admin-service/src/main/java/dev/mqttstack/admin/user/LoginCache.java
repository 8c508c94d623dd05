package dev.mqttstack.admin.user;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived cache of successful password checks, so reconnect storms skip the hash.
 * <p>
 * An entry holds an HMAC-SHA256 of the user name and password under a key that lives only
 * in this process, never the plaintext. Any change to a user forgets their entry, and a
 * check that started before a change cannot store its stale result.
 */
public final class LoginCache {

	private static final int MAX_ENTRIES = 100_000;

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	private final AtomicLong generation = new AtomicLong();

	private final SecretKeySpec key;

	private final long ttlNanos;

	public LoginCache(Duration ttl) {
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		this.key = new SecretKeySpec(secret, "HmacSHA256");
		this.ttlNanos = ttl.toNanos();
	}

	/**
	 * The generation to pass to {@link #put}: read it before checking the password.
	 * @return the current generation
	 */
	public long generation() {
		return this.generation.get();
	}

	/**
	 * Whether these credentials were checked successfully within the TTL.
	 * @return the superuser flag of the cached login, or {@code null} on a miss
	 */
	public Boolean lookup(String username, byte[] password) {
		Entry entry = this.entries.get(username);
		if (entry == null || System.nanoTime() - entry.createdNanos > this.ttlNanos) {
			return null;
		}
		return MessageDigest.isEqual(entry.mac, mac(username, password)) ? entry.superuser : null;
	}

	/** Remembers a successful check unless a user changed since {@code generation}. */
	public void put(String username, byte[] password, boolean superuser, long generation) {
		if (this.ttlNanos <= 0) {
			return;
		}
		if (this.entries.size() >= MAX_ENTRIES) {
			this.entries.clear();
		}
		Entry entry = new Entry(mac(username, password), superuser, System.nanoTime());
		this.entries.put(username, entry);
		if (this.generation.get() != generation) {
			this.entries.remove(username, entry);
		}
	}

	/** Forgets a user's cached login. */
	public void invalidate(String username) {
		this.generation.incrementAndGet();
		this.entries.remove(username);
	}

	private byte[] mac(String username, byte[] password) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			mac.update(username.getBytes(StandardCharsets.UTF_8));
			mac.update((byte) 0);
			return mac.doFinal((password != null) ? password : new byte[0]);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	private record Entry(byte[] mac, boolean superuser, long createdNanos) {

	}

}
