package dev.mqttstack.admin.user;

import dev.mqttstack.broker.mosquitto.MosquittoPasswordHash;

/**
 * Hasher of MQTT passwords in mosquitto's formats, as a bean with the configured
 * iteration count: makes {@code $7$} hashes and verifies those and {@code $6$} hashes
 * through broker-module's {@link MosquittoPasswordHash}, which the standalone broker's
 * password_file uses too, so files written by {@code mosquitto_passwd} import unchanged.
 */
public final class MosquittoPasswordHasher {

	private final int iterations;

	/**
	 * Creates a hasher.
	 * @param iterations PBKDF2 iterations of new hashes
	 */
	public MosquittoPasswordHasher(int iterations) {
		if (iterations < 1 || iterations > MosquittoPasswordHash.MAX_ITERATIONS) {
			throw new IllegalArgumentException(
					"iterations must be between 1 and " + MosquittoPasswordHash.MAX_ITERATIONS);
		}
		this.iterations = iterations;
	}

	/**
	 * Hashes a password as {@code $7$} with a fresh salt.
	 * @param password the password
	 * @return the encoded hash
	 */
	public String hash(String password) {
		return MosquittoPasswordHash.create(password, this.iterations);
	}

	/**
	 * Whether a password matches an encoded hash; comparison is constant-time.
	 * @param password the password bytes as sent in CONNECT ({@code null} for none)
	 * @param encoded a {@code $7$} or {@code $6$} hash
	 * @return {@code true} on a match; {@code false} also for a malformed hash
	 */
	public boolean matches(byte[] password, String encoded) {
		return MosquittoPasswordHash.matches(password, encoded);
	}

	/**
	 * Whether a string is a hash this hasher can verify.
	 * @param encoded the candidate
	 * @return {@code true} for a well-formed {@code $7$} or {@code $6$} hash
	 */
	public static boolean isWellFormed(String encoded) {
		return MosquittoPasswordHash.isWellFormed(encoded);
	}

}
