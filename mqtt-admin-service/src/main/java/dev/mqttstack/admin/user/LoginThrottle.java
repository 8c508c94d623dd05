package dev.mqttstack.admin.user;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Throttle of repeated failed logins: after too many failures within a window for one
 * user name or from one address, further CONNECTs for it are refused without a check for
 * a cool-down, and the cool-down is logged.
 */
public final class LoginThrottle {

	private static final Logger logger = LoggerFactory.getLogger(LoginThrottle.class);

	private static final int MAX_TRACKED = 100_000;

	private final Map<String, Failures> failures = new ConcurrentHashMap<>();

	private final int maxPerUsername;

	private final int maxPerAddress;

	private final long windowNanos;

	private final long coolDownNanos;

	public LoginThrottle(int maxPerUsername, int maxPerAddress, Duration window, Duration coolDown) {
		this.maxPerUsername = maxPerUsername;
		this.maxPerAddress = maxPerAddress;
		this.windowNanos = window.toNanos();
		this.coolDownNanos = coolDown.toNanos();
	}

	/**
	 * Whether logins for this user name or from this address are cooling down.
	 * @param username the user name
	 * @param address the client's IP address
	 * @return {@code true} to refuse without checking
	 */
	public boolean isThrottled(String username, String address) {
		long now = System.nanoTime();
		return blocked(userKey(username), now) || blocked(addressKey(address), now);
	}

	/** Counts a failed login for the user name and the address. */
	public void failed(String username, String address) {
		if (this.failures.size() >= MAX_TRACKED) {
			long now = System.nanoTime();
			this.failures.values().removeIf((f) -> now - f.windowStart > this.windowNanos && now > f.blockedUntil);
		}
		count(userKey(username), this.maxPerUsername, "user name '" + username + "'");
		count(addressKey(address), this.maxPerAddress, "address " + address);
	}

	/** Clears the user name's failures after a successful login. */
	public void succeeded(String username) {
		this.failures.remove(userKey(username));
	}

	private boolean blocked(String key, long now) {
		Failures current = this.failures.get(key);
		return current != null && now - current.blockedUntil < 0;
	}

	private void count(String key, int max, String subject) {
		long now = System.nanoTime();
		Failures updated = this.failures.compute(key, (k, current) -> {
			boolean fresh = current == null || now - current.windowStart > this.windowNanos;
			int count = fresh ? 1 : current.count + 1;
			long windowStart = fresh ? now : current.windowStart;
			long blockedUntil = (current != null) ? current.blockedUntil : now;
			if (count >= max && now - blockedUntil >= 0) {
				return new Failures(0, windowStart, now + this.coolDownNanos);
			}
			return new Failures(count, windowStart, blockedUntil);
		});
		if (updated.blockedUntil - now > 0 && updated.count == 0) {
			logger.warn("Throttling MQTT logins for {} for {} ms after {} failures", subject,
					this.coolDownNanos / 1_000_000, max);
		}
	}

	private static String userKey(String username) {
		return "user:" + username;
	}

	private static String addressKey(String address) {
		return "address:" + address;
	}

	private record Failures(int count, long windowStart, long blockedUntil) {

	}

}
