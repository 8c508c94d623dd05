/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.awaitility.Awaitility.await;

/**
 * JUnit 5 extension running a real Mosquitto broker (Debian's
 * {@code /usr/sbin/mosquitto}) as a child process on a free loopback port, for the tests
 * of one class; register it as a static {@code @RegisterExtension} field.
 * <p>
 * With {@code CI=true} a missing binary (mosquitto, or openssl for the TLS listener)
 * fails the tests; otherwise they are skipped with the reason printed.
 */
public final class MosquittoBroker implements BeforeAllCallback, AfterAllCallback {

	private static final Path BINARY = Path.of(System.getenv().getOrDefault("MOSQUITTO_BIN", "/usr/sbin/mosquitto"));

	private static final Path OPENSSL = Path.of("/usr/bin/openssl");

	private final boolean tls;

	private final boolean packetLog;

	private int port;

	private int tlsPort;

	private Path directory;

	private Process process;

	/**
	 * Create a broker with a plain TCP listener.
	 */
	public MosquittoBroker() {
		this(false, false);
	}

	private MosquittoBroker(boolean tls, boolean packetLog) {
		this.tls = tls;
		this.packetLog = packetLog;
	}

	/**
	 * Create a broker that also has a TLS listener with a self-signed certificate for
	 * {@code 127.0.0.1}.
	 * @return the broker extension
	 */
	public static MosquittoBroker withTls() {
		return new MosquittoBroker(true, false);
	}

	/**
	 * Create a broker that logs every packet it sends and receives ({@code log_type
	 * debug}), for tests that check what a client put on the wire: see {@link #getLog()}.
	 * @return the broker extension
	 */
	public static MosquittoBroker withPacketLog() {
		return new MosquittoBroker(false, true);
	}

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		String reason = null;
		if (!Files.isExecutable(BINARY)) {
			reason = "Mosquitto not found at " + BINARY + " (apt-get install mosquitto)";
		}
		else if (this.tls && !Files.isExecutable(OPENSSL)) {
			reason = "openssl not found at " + OPENSSL + " to create the test certificate (apt-get install openssl)";
		}
		if (reason != null) {
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException(reason + "; it is required when CI=true");
			}
			System.out.println("Skipping " + context.getDisplayName() + ": " + reason);
			Assumptions.abort(reason);
		}
		this.port = freePort();
		this.directory = Files.createTempDirectory("mosquitto");
		if (this.tls) {
			this.tlsPort = freePort();
			createCertificate();
		}
		start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		stop();
	}

	/**
	 * Start the broker on this extension's port and wait until it accepts connections.
	 */
	public synchronized void start() {
		try {
			Path config = this.directory.resolve("mosquitto.conf");
			String listeners = "listener " + this.port + " 127.0.0.1\n";
			if (this.tls) {
				listeners += "listener " + this.tlsPort + " 127.0.0.1\ncertfile " + getCertificate() + "\nkeyfile "
						+ this.directory.resolve("key.pem") + "\n";
			}
			Files.writeString(config,
					String.join("\n", "per_listener_settings false", "allow_anonymous true", "persistence false",
							"log_dest stdout", "log_type error", "log_type warning", "log_type notice",
							"log_type information", packetLogSettings(), listeners));
			this.process = new ProcessBuilder(BINARY.toString(), "-c", config.toString()).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.directory.resolve("mosquitto.log").toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		await("mosquitto accepting on port " + this.port).atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.until(this::accepting);
	}

	/**
	 * Stop the broker and wait for the process to end.
	 */
	public synchronized void stop() {
		if (this.process == null) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process = null;
	}

	public int getPort() {
		return this.port;
	}

	public String getUrl() {
		return "tcp://127.0.0.1:" + this.port;
	}

	/**
	 * Return the URL of the TLS listener.
	 * @return the {@code ssl://} URL
	 */
	public String getTlsUrl() {
		return "ssl://127.0.0.1:" + this.tlsPort;
	}

	/**
	 * Return the PEM file of the broker's self-signed certificate, to trust.
	 * @return the certificate file
	 */
	public Path getCertificate() {
		return this.directory.resolve("cert.pem");
	}

	private String packetLogSettings() throws IOException {
		if (!this.packetLog) {
			return "";
		}
		// Started as root, mosquitto drops to its own user, which must write the log.
		Path log = this.directory.resolve("packets.log");
		Files.deleteIfExists(log);
		Files.createFile(log);
		Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-rw-rw-"));
		Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("rwxr-xr-x"));
		return "log_type debug\nlog_dest file " + log;
	}

	private void createCertificate() throws IOException, InterruptedException {
		Process openssl = new ProcessBuilder(OPENSSL.toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes",
				"-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout",
				this.directory.resolve("key.pem").toString(), "-out", getCertificate().toString())
			.redirectErrorStream(true)
			.redirectOutput(this.directory.resolve("openssl.log").toFile())
			.start();
		if (openssl.waitFor() != 0) {
			throw new IllegalStateException("openssl failed; see " + this.directory.resolve("openssl.log"));
		}
		// Started as root, mosquitto drops to its own user, which must read the test key
		// pair.
		Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.setPosixFilePermissions(this.directory.resolve("key.pem"), PosixFilePermissions.fromString("rw-r--r--"));
	}

	/**
	 * Return the broker's packet log so far (written unbuffered, unlike its stdout).
	 * @return the log
	 * @see #withPacketLog()
	 */
	public String getLog() {
		try {
			return Files.readString(this.directory.resolve("packets.log"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	private boolean accepting() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException("mosquitto exited with " + this.process.exitValue() + "; see "
					+ this.directory.resolve("mosquitto.log"));
		}
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}

}
