package dev.mqttstack.bench.broker;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.ReasonCode;
import dev.mqttstack.broker.security.AuthenticationResult;
import dev.mqttstack.broker.security.Authenticator;

/**
 * Our broker with the same settings as {@code BrokerMain} in the benchmarks (leak
 * sampling off, its default event loops) plus one user checked with PBKDF2-HMAC-SHA512
 * (101 iterations, the hash mosquitto's password file uses) on a bounded executor, as the
 * {@link Authenticator} contract asks: for the connect-rate scenario, which
 * {@code BrokerMain} has no option for.
 *
 * <pre>
 * OurBrokerLauncher PORT USER PASSWORD
 * </pre>
 */
public final class OurBrokerLauncher {

	private OurBrokerLauncher() {
	}

	public static void main(String[] args) throws Exception {
		System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
		// As BrokerMain: no leak sampling of per-message buffers unless asked for.
		if (System.getProperty("io.netty.leakDetection.level") == null) {
			System.setProperty("io.netty.leakDetection.level", "disabled");
		}
		int port = Integer.parseInt(args[0]);
		String user = args[1];
		byte[] salt = new byte[12];
		new SecureRandom().nextBytes(salt);
		byte[] hash = hash(args[2].getBytes(StandardCharsets.UTF_8), salt);
		ExecutorService hashing = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
		Authenticator authenticator = (request) -> CompletableFuture.supplyAsync(() -> {
			boolean valid = user.equals(request.username()) && request.password() != null
					&& MessageDigest.isEqual(hash, hash(request.password(), salt));
			return valid ? AuthenticationResult.accept()
					: AuthenticationResult.refuse(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
		}, hashing);
		MqttBroker broker = MqttBroker.builder()
			.host("127.0.0.1")
			.port(port)
			.maxInflight(20)
			.maxQueuedMessages(1000)
			.sysInterval(Duration.ZERO)
			.authenticator(authenticator)
			.build();
		broker.start();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			broker.stop();
			hashing.shutdown();
			stopped.countDown();
		}));
		stopped.await();
	}

	private static byte[] hash(byte[] password, byte[] salt) {
		char[] chars = new String(password, StandardCharsets.UTF_8).toCharArray();
		try {
			return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
				.generateSecret(new PBEKeySpec(chars, salt, 101, 512))
				.getEncoded();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
