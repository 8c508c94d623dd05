package dev.mqttstack.admin.user;

import java.time.Duration;
import java.util.concurrent.Semaphore;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Throttle of password guessing, asked before a password is hashed.
 * <p>
 * Every attempt spends a token of its (user name, address) bucket and of its address's
 * bucket; a correct password gives both back, so an owner's logins cost nothing and
 * attempts in progress count as failures until they succeed. Buckets refill one token at
 * a time, so nobody is locked out for a fixed period, and an address that has not been
 * failing keeps its full allowance whatever other addresses do. Separately, each address
 * may have only a few checks in progress. Buckets and permits live in bounded Caffeine
 * caches that forget idle entries.
 */
public final class LoginThrottle {

	private static final int MAX_TRACKED = 100_000;

	private final Cache<String, Bucket> usernameAndAddress;

	private final Cache<String, Bucket> addresses;

	private final Cache<String, Semaphore> checksInProgress;

	private final LoginLimits limits;

	public LoginThrottle(LoginLimits limits) {
		this.limits = limits;
		Duration idle = limits.getFailureWindow().multipliedBy(2);
		this.usernameAndAddress = Caffeine.newBuilder().maximumSize(MAX_TRACKED).expireAfterAccess(idle).build();
		this.addresses = Caffeine.newBuilder().maximumSize(MAX_TRACKED).expireAfterAccess(idle).build();
		this.checksInProgress = Caffeine.newBuilder().maximumSize(MAX_TRACKED).expireAfterAccess(idle).build();
	}

	/**
	 * Starts an attempt: takes a check permit of the address, then a token of both
	 * buckets.
	 * @param username the user name tried
	 * @param address the client's IP address
	 * @return the attempt; when not {@link Attempt#allowed() allowed} nothing was taken
	 */
	public Attempt tryAttempt(String username, String address) {
		Semaphore permits = this.checksInProgress.get(address,
				(key) -> new Semaphore(this.limits.getMaxConcurrentChecksPerAddress()));
		if (!permits.tryAcquire()) {
			return new Attempt(this, username, address, null, Refusal.BUSY, Duration.ofSeconds(1));
		}
		Bucket pair = this.usernameAndAddress.get(key(username, address),
				(key) -> bucket(this.limits.getMaxFailuresPerUsernameAndAddress()));
		ConsumptionProbe pairProbe = pair.tryConsumeAndReturnRemaining(1);
		if (!pairProbe.isConsumed()) {
			permits.release();
			return new Attempt(this, username, address, null, Refusal.THROTTLED,
					Duration.ofNanos(pairProbe.getNanosToWaitForRefill()));
		}
		Bucket perAddress = this.addresses.get(address, (key) -> bucket(this.limits.getMaxFailuresPerAddress()));
		ConsumptionProbe addressProbe = perAddress.tryConsumeAndReturnRemaining(1);
		if (!addressProbe.isConsumed()) {
			pair.addTokens(1);
			permits.release();
			return new Attempt(this, username, address, null, Refusal.THROTTLED,
					Duration.ofNanos(addressProbe.getNanosToWaitForRefill()));
		}
		return new Attempt(this, username, address, permits, null, Duration.ZERO);
	}

	private Bucket bucket(int capacity) {
		int tokens = Math.max(1, capacity);
		return Bucket.builder()
			.addLimit((limit) -> limit.capacity(tokens).refillGreedy(tokens, this.limits.getFailureWindow()))
			.build();
	}

	private void giveBack(String username, String address) {
		Bucket pair = this.usernameAndAddress.getIfPresent(key(username, address));
		if (pair != null) {
			pair.addTokens(1);
		}
		Bucket perAddress = this.addresses.getIfPresent(address);
		if (perAddress != null) {
			perAddress.addTokens(1);
		}
	}

	private static String key(String username, String address) {
		return address + '\u0000' + username;
	}

	/** Why an attempt was refused before its check. */
	public enum Refusal {

		/** Too many recent failures for the user name at this address, or the address. */
		THROTTLED,

		/** The address has too many checks in progress. */
		BUSY

	}

	/**
	 * One login attempt: {@link #finish(boolean)} it exactly once when its check ends.
	 */
	public static final class Attempt {

		private final LoginThrottle throttle;

		private final String username;

		private final String address;

		private final Semaphore permits;

		private final Refusal refusal;

		private final Duration retryAfter;

		private Attempt(LoginThrottle throttle, String username, String address, Semaphore permits, Refusal refusal,
				Duration retryAfter) {
			this.throttle = throttle;
			this.username = username;
			this.address = address;
			this.permits = permits;
			this.refusal = refusal;
			this.retryAfter = retryAfter;
		}

		/** Whether the password may be checked. */
		public boolean allowed() {
			return this.refusal == null;
		}

		/** Why the attempt was refused, or {@code null} when allowed. */
		public Refusal refusal() {
			return this.refusal;
		}

		/** How long until an attempt may succeed again; zero when allowed. */
		public Duration retryAfter() {
			return this.retryAfter;
		}

		/**
		 * Ends an allowed attempt: frees its check permit and, for a correct password,
		 * gives its tokens back.
		 * @param succeeded whether the password was correct
		 */
		public void finish(boolean succeeded) {
			if (this.permits == null) {
				return;
			}
			this.permits.release();
			if (succeeded) {
				this.throttle.giveBack(this.username, this.address);
			}
		}

		/** Ends an allowed attempt whose password was never checked: nothing is spent. */
		public void cancel() {
			finish(true);
		}

	}

}
