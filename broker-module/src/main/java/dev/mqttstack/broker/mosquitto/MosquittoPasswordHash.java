package dev.mqttstack.broker.mosquitto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Password hashes in mosquitto's formats: makes {@code $7$} hashes (PBKDF2-HMAC-SHA512,
 * {@code $7$<iterations>$<base64 salt>$<base64 hash>}) and verifies those and {@code $6$}
 * hashes (SHA-512 of the password then the salt, {@code $6$<base64 salt>$<base64 hash>}),
 * as {@code mosquitto_passwd} writes them.
 * <p>
 * Verifying a {@code $7$} hash costs its iteration count in HMAC rounds: call
 * {@link #matches} off the event loops.
 */
public final class MosquittoPasswordHash {

	/**
	 * Most iterations a stored hash may ask for, so a crafted hash cannot stall a thread.
	 */
	public static final int MAX_ITERATIONS = 10_000_000;

	private static final Pattern PBKDF2 = Pattern.compile("\\$7\\$(\\d{1,9})\\$([A-Za-z0-9+/=]+)\\$([A-Za-z0-9+/=]+)");

	private static final Pattern SALTED_SHA512 = Pattern.compile("\\$6\\$([A-Za-z0-9+/=]+)\\$([A-Za-z0-9+/=]+)");

	private static final int SALT_BYTES = 12;

	private static final int HASH_BYTES = 64;

	private static final SecureRandom random = new SecureRandom();

	private MosquittoPasswordHash() {
	}

	/**
	 * Hashes a password as {@code $7$} with a fresh salt.
	 * @param password the password
	 * @param iterations PBKDF2 iterations, 1 to {@link #MAX_ITERATIONS}
	 * @return the encoded hash
	 */
	public static String create(String password, int iterations) {
		if (iterations < 1 || iterations > MAX_ITERATIONS) {
			throw new IllegalArgumentException("iterations must be between 1 and " + MAX_ITERATIONS);
		}
		byte[] salt = new byte[SALT_BYTES];
		random.nextBytes(salt);
		byte[] hash = pbkdf2(password.getBytes(StandardCharsets.UTF_8), salt, iterations);
		Base64.Encoder base64 = Base64.getEncoder();
		return "$7$" + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
	}

	/**
	 * Whether a password matches an encoded hash; comparison is constant-time.
	 * @param password the password bytes as sent in CONNECT ({@code null} for none)
	 * @param encoded a {@code $7$} or {@code $6$} hash
	 * @return {@code true} on a match; {@code false} also for a malformed hash
	 */
	public static boolean matches(byte[] password, String encoded) {
		if (encoded == null) {
			return false;
		}
		byte[] secret = (password != null) ? password : new byte[0];
		Matcher pbkdf2 = PBKDF2.matcher(encoded);
		if (pbkdf2.matches()) {
			int count = Integer.parseInt(pbkdf2.group(1));
			byte[] salt = decode(pbkdf2.group(2));
			byte[] expected = decode(pbkdf2.group(3));
			if (count < 1 || count > MAX_ITERATIONS || salt == null || expected == null
					|| expected.length != HASH_BYTES) {
				return false;
			}
			return MessageDigest.isEqual(pbkdf2(secret, salt, count), expected);
		}
		Matcher sha512 = SALTED_SHA512.matcher(encoded);
		if (sha512.matches()) {
			byte[] salt = decode(sha512.group(1));
			byte[] expected = decode(sha512.group(2));
			return salt != null && expected != null && MessageDigest.isEqual(saltedSha512(secret, salt), expected);
		}
		return false;
	}

	/**
	 * Whether a string is a hash {@link #matches} can verify.
	 * @param encoded the candidate
	 * @return {@code true} for a well-formed {@code $7$} or {@code $6$} hash
	 */
	public static boolean isWellFormed(String encoded) {
		if (encoded == null) {
			return false;
		}
		Matcher pbkdf2 = PBKDF2.matcher(encoded);
		if (pbkdf2.matches()) {
			long count = Long.parseLong(pbkdf2.group(1));
			byte[] hash = decode(pbkdf2.group(3));
			return count >= 1 && count <= MAX_ITERATIONS && decode(pbkdf2.group(2)) != null && hash != null
					&& hash.length == HASH_BYTES;
		}
		Matcher sha512 = SALTED_SHA512.matcher(encoded);
		if (sha512.matches()) {
			byte[] hash = decode(sha512.group(2));
			return decode(sha512.group(1)) != null && hash != null && hash.length == HASH_BYTES;
		}
		return false;
	}

	/** PBKDF2-HMAC-SHA512 for one 64-byte block, over raw password bytes. */
	static byte[] pbkdf2(byte[] password, byte[] salt, int iterations) {
		try {
			Mac mac = Mac.getInstance("HmacSHA512");
			// HMAC pads short keys with zeros, so a single zero byte keys it like an
			// empty password (which SecretKeySpec refuses).
			mac.init(new SecretKeySpec((password.length > 0) ? password : new byte[1], "HmacSHA512"));
			mac.update(salt);
			byte[] block = mac.doFinal(new byte[] { 0, 0, 0, 1 });
			byte[] result = block.clone();
			for (int i = 1; i < iterations; i++) {
				block = mac.doFinal(block);
				for (int j = 0; j < result.length; j++) {
					result[j] ^= block[j];
				}
			}
			return result;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA512 is not available", ex);
		}
	}

	private static byte[] saltedSha512(byte[] password, byte[] salt) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-512");
			digest.update(password);
			digest.update(salt);
			return digest.digest();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-512 is not available", ex);
		}
	}

	private static byte[] decode(String base64) {
		try {
			return Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
