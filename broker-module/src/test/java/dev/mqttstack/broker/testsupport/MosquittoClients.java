package dev.mqttstack.broker.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Assumptions;

import dev.mqttstack.broker.MqttBroker;

/**
 * Debian's {@code mosquitto_pub} and {@code mosquitto_sub} run as processes against a
 * test broker, each with {@code -h} and {@code -p} set, its output captured in files and
 * killed on {@link #close()} if still running.
 */
public final class MosquittoClients implements AutoCloseable {

	/**
	 * System property naming the directory of the binaries; the PATH is searched without
	 * it.
	 */
	public static final String DIRECTORY_PROPERTY = "mosquitto.clients.dir";

	private static final String PUB = "mosquitto_pub";

	private static final String SUB = "mosquitto_sub";

	private final String port;

	private final Path workDir;

	private final List<MosquittoProcess> started = new ArrayList<>();

	private final AtomicInteger runs = new AtomicInteger();

	public MosquittoClients(MqttBroker broker, Path workDir) {
		this.port = Integer.toString(broker.port());
		this.workDir = workDir;
	}

	/**
	 * Names the binaries that cannot be found.
	 * @return the missing binaries, empty when both are there
	 */
	public static List<String> missing() {
		return List.of(PUB, SUB).stream().filter((name) -> locate(name) == null).toList();
	}

	/**
	 * Finds a mosquitto binary ({@code mosquitto_passwd}, for example) as the clients are
	 * found, or ends the calling test: skipped with a printed {@code [SKIPPED]} line,
	 * failed under {@code CI=true}.
	 * @param binary the name of the binary
	 * @return its absolute path
	 */
	public static String require(String binary) {
		Path executable = locate(binary);
		if (executable == null) {
			skipOrFail(binary, "missing " + binary + " on the PATH (or in -D" + DIRECTORY_PROPERTY
					+ "); install Debian's mosquitto and mosquitto-clients");
		}
		return executable.toAbsolutePath().toString();
	}

	/**
	 * Ends the current test or class for a missing binary: a printed
	 * {@code [SKIPPED] who: reason} line, which {@code .ci/run} collects, and an aborted
	 * test; under {@code CI=true}, where the binaries are installed, a failure.
	 */
	static void skipOrFail(String who, String reason) {
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new AssertionError("CI=true: " + who + ": " + reason);
		}
		System.out.println("[SKIPPED] " + who + ": " + reason);
		Assumptions.abort(reason);
	}

	/** Starts {@code mosquitto_pub} with these arguments and no input. */
	public MosquittoProcess pub(String... args) {
		return pubWithInput(new byte[0], args);
	}

	/** Starts {@code mosquitto_pub} with these arguments and this standard input. */
	public MosquittoProcess pubWithInput(byte[] input, String... args) {
		return start(input, command(PUB, args));
	}

	/**
	 * Starts {@code mosquitto_pub} with these arguments and {@code -m} set to these
	 * bytes. The message goes through {@code /bin/sh} as octal escapes, so the JVM's
	 * encoding of arguments (ASCII under a C locale) cannot alter it; it must not end
	 * with a newline.
	 */
	public MosquittoProcess pubWithMessageBytes(byte[] message, String... args) {
		StringBuilder escaped = new StringBuilder();
		for (byte b : message) {
			escaped.append(String.format("\\%03o", b & 0xFF));
		}
		List<String> command = new ArrayList<>(
				List.of("/bin/sh", "-c", "exec \"$0\" \"$@\" -m \"$(printf '" + escaped + "')\""));
		command.addAll(command(PUB, args));
		return start(new byte[0], command);
	}

	/** Starts {@code mosquitto_sub} with these arguments. */
	public MosquittoProcess sub(String... args) {
		return start(new byte[0], command(SUB, args));
	}

	/** Kills every process still running. */
	@Override
	public void close() {
		for (MosquittoProcess process : this.started) {
			process.kill();
		}
	}

	private List<String> command(String binary, String... args) {
		Path executable = locate(binary);
		if (executable == null) {
			throw new IllegalStateException(binary + " not found");
		}
		List<String> command = new ArrayList<>(List.of(executable.toString(), "-h", "127.0.0.1", "-p", this.port));
		command.addAll(List.of(args));
		return command;
	}

	private MosquittoProcess start(byte[] input, List<String> command) {
		int run = this.runs.incrementAndGet();
		MosquittoProcess process = MosquittoProcess.start(command, input, this.workDir.resolve(run + ".out"),
				this.workDir.resolve(run + ".err"));
		this.started.add(process);
		return process;
	}

	private static Path locate(String binary) {
		String directory = System.getProperty(DIRECTORY_PROPERTY);
		String search = (directory != null) ? directory : System.getenv().getOrDefault("PATH", "");
		for (String entry : search.split(File.pathSeparator)) {
			if (!entry.isEmpty()) {
				Path candidate = Path.of(entry, binary);
				if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
					return candidate;
				}
			}
		}
		return null;
	}

}
