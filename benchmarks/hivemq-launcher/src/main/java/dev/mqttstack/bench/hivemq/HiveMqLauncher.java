package dev.mqttstack.bench.hivemq;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.concurrent.CountDownLatch;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.embedded.EmbeddedHiveMQBuilder;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;

/**
 * Command-line runner of HiveMQ CE 2025.5 embedded for the benchmarks: one TCP listener,
 * in-memory persistence, the same queue limit as the other brokers, and optionally one
 * user checked with PBKDF2-HMAC-SHA512 (101 iterations) by an embedded extension, the
 * hash mosquitto's password file uses.
 *
 * <pre>
 * HiveMqLauncher PORT HOME_DIR [USER PASSWORD]
 * </pre>
 */
public final class HiveMqLauncher {

	private HiveMqLauncher() {
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		Path home = Path.of(args[1]);
		Path conf = Files.createDirectories(home.resolve("conf"));
		Files.writeString(conf.resolve("config.xml"), """
				<?xml version="1.0"?>
				<hivemq>
				    <listeners>
				        <tcp-listener>
				            <port>%d</port>
				            <bind-address>127.0.0.1</bind-address>
				        </tcp-listener>
				    </listeners>
				    <mqtt>
				        <queued-messages>
				            <max-queue-size>1000</max-queue-size>
				            <strategy>discard</strategy>
				        </queued-messages>
				    </mqtt>
				    <persistence>
				        <mode>in-memory</mode>
				    </persistence>
				    <anonymous-usage-statistics>
				        <enabled>false</enabled>
				    </anonymous-usage-statistics>
				</hivemq>
				""".formatted(port));
		EmbeddedHiveMQBuilder builder = EmbeddedHiveMQ.builder()
			.withConfigurationFolder(conf)
			.withDataFolder(Files.createDirectories(home.resolve("data")))
			.withExtensionsFolder(Files.createDirectories(home.resolve("extensions")));
		if (args.length >= 4) {
			builder.withEmbeddedExtension(passwordExtension(args[2], args[3]));
		}
		EmbeddedHiveMQ hivemq = builder.build();
		hivemq.start().join();
		System.out.println("hivemq listening on " + port);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			hivemq.stop().join();
			stopped.countDown();
		}));
		stopped.await();
	}

	private static EmbeddedExtension passwordExtension(String user, String password) throws GeneralSecurityException {
		Pbkdf2Check check = new Pbkdf2Check(password);
		SimpleAuthenticator authenticator = (input, output) -> {
			String name = input.getConnectPacket().getUserName().orElse(null);
			ByteBuffer given = input.getConnectPacket().getPassword().orElse(null);
			if (user.equals(name) && given != null && check.matches(given)) {
				output.authenticateSuccessfully();
			}
			else {
				output.failAuthentication();
			}
		};
		ExtensionMain main = new ExtensionMain() {

			@Override
			public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
				Services.securityRegistry().setAuthenticatorProvider((providerInput) -> authenticator);
			}

			@Override
			public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
			}

		};
		return EmbeddedExtension.builder()
			.withId("bench-password")
			.withName("bench password check")
			.withVersion("1")
			.withPriority(0)
			.withStartPriority(1000)
			.withAuthor("mqtt-stack")
			.withExtensionMain(main)
			.build();
	}

	/** One password, hashed as mosquitto's password file hashes it. */
	static final class Pbkdf2Check {

		private final byte[] salt = new byte[12];

		private final byte[] hash;

		Pbkdf2Check(String password) throws GeneralSecurityException {
			new SecureRandom().nextBytes(this.salt);
			this.hash = hash(password.toCharArray());
		}

		boolean matches(ByteBuffer password) {
			byte[] bytes = new byte[password.remaining()];
			password.duplicate().get(bytes);
			try {
				return MessageDigest.isEqual(this.hash, hash(new String(bytes, StandardCharsets.UTF_8).toCharArray()));
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
