package dev.mqttstack.bench.moquette;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.PermitAllAuthorizatorPolicy;

/**
 * Command-line runner of Moquette 0.17 for the benchmarks: in-memory, no telemetry, the
 * command queues large enough for bursts of connects, and optionally one user checked
 * with PBKDF2-HMAC-SHA512 (101 iterations), the hash mosquitto's password file uses.
 *
 * <pre>
 * MoquetteLauncher PORT [USER PASSWORD]
 * </pre>
 */
public final class MoquetteLauncher {

	private MoquetteLauncher() {
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		Properties properties = new Properties();
		properties.setProperty("host", "127.0.0.1");
		properties.setProperty("port", Integer.toString(port));
		properties.setProperty("persistence_enabled", "false");
		properties.setProperty("telemetry_enabled", "false");
		// Not a message queue: the command queue of each session event loop. Moquette
		// drops commands
		// (SUBSCRIBE included) silently once it is full, so it gets room for bursts of
		// connects.
		properties.setProperty("session_queue_size", "65536");
		properties.setProperty("allow_anonymous", Boolean.toString(args.length < 3));
		properties.setProperty("netty.mqtt.message_size", "2097152");
		IAuthenticator authenticator = (args.length < 3) ? (clientId, user, password) -> true
				: new Pbkdf2Authenticator(args[1], args[2]);
		Server server = new Server();
		server.startServer(new MemoryConfig(properties), Collections.emptyList(), null, authenticator,
				new PermitAllAuthorizatorPolicy());
		System.out.println("moquette listening on " + port);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.stopServer();
			stopped.countDown();
		}));
		stopped.await();
	}

	/** One user whose password is checked as mosquitto checks its password file. */
	static final class Pbkdf2Authenticator implements IAuthenticator {

		private final String user;

		private final byte[] salt = new byte[12];

		private final byte[] hash;

		Pbkdf2Authenticator(String user, String password) throws GeneralSecurityException {
			this.user = user;
			new SecureRandom().nextBytes(this.salt);
			this.hash = hash(password.toCharArray());
		}

		@Override
		public boolean checkValid(String clientId, String username, byte[] password) {
			if (!this.user.equals(username) || password == null) {
				return false;
			}
			char[] chars = new String(password, java.nio.charset.StandardCharsets.UTF_8).toCharArray();
			try {
				return MessageDigest.isEqual(this.hash, hash(chars));
			}
			catch (GeneralSecurityException ex) {
				return false;
			}
		}

		private byte[] hash(char[] password) throws GeneralSecurityException {
			PBEKeySpec spec = new PBEKeySpec(password, this.salt, 101, 512);
			return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
		}

	}

}
