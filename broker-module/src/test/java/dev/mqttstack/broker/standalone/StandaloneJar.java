package dev.mqttstack.broker.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged {@code mqtt-broker.jar} run as a child process, as an operator runs it:
 * output in a file, stopped by its PID.
 */
final class StandaloneJar implements AutoCloseable {

	/** System property failsafe sets to the packaged jar. */
	static final String JAR_PROPERTY = "mqtt-broker.jar";

	private final Process process;

	private final Path output;

	private StandaloneJar(Process process, Path output) {
		this.process = process;
		this.output = output;
	}

	/**
	 * Starts the jar with these arguments.
	 * @param directory the working directory, where the output file goes too
	 * @param args the command-line arguments
	 * @return the running broker
	 */
	static StandaloneJar start(Path directory, String... args) {
		String jar = System.getProperty(JAR_PROPERTY, "target/mqtt-broker.jar");
		assertThat(Path.of(jar)).as("the standalone jar (built by package)").isRegularFile();
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
		command.addAll(List.of(args));
		Path output = directory.resolve("broker-" + System.nanoTime() + ".log");
		try {
			Process process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			return new StandaloneJar(process, output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	long pid() {
		return this.process.pid();
	}

	/** Waits until every port accepts TCP connections, failing if the broker exits. */
	StandaloneJar awaitListening(int... ports) {
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The broker exited; output:\n" + output());
			}
			for (int port : ports) {
				try (Socket socket = new Socket()) {
					socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
				}
				catch (IOException ex) {
					throw new AssertionError("Port " + port + " not accepting yet: " + ex);
				}
			}
		});
		return this;
	}

	/**
	 * Waits for the broker to exit by itself.
	 * @return its exit code
	 */
	int awaitExit() throws InterruptedException {
		assertThat(this.process.waitFor(60, TimeUnit.SECONDS)).as("exited; output:\n%s", output()).isTrue();
		return this.process.exitValue();
	}

	/** Sends a signal to the broker's PID with {@code kill}, as an operator would. */
	void signal(String name) throws IOException, InterruptedException {
		Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start();
		assertThat(kill.waitFor()).isZero();
	}

	String output() {
		try {
			return Files.exists(this.output) ? Files.readString(this.output, StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Stops the broker by its PID (SIGTERM, then SIGKILL after 10 seconds). */
	@Override
	public void close() throws InterruptedException {
		ProcessHandle.of(pid()).ifPresent(ProcessHandle::destroy);
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			ProcessHandle.of(pid()).ifPresent(ProcessHandle::destroyForcibly);
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
	}

}
