package dev.mqttstack.broker.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of a mosquitto client: standard output and error go to files, read once it
 * exited.
 */
public final class MosquittoProcess {

	private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(15);

	private final Process process;

	private final List<String> command;

	private final Path out;

	private final Path err;

	private MosquittoProcess(Process process, List<String> command, Path out, Path err) {
		this.process = process;
		this.command = command;
		this.out = out;
		this.err = err;
	}

	/**
	 * Starts a process (a mosquitto client, or any command) with its output in files.
	 * @param command the command and its arguments
	 * @param input what it reads on standard input
	 * @param out where standard output goes
	 * @param err where standard error goes
	 * @return the running process
	 */
	public static MosquittoProcess start(List<String> command, byte[] input, Path out, Path err) {
		ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
		// no user's ~/.config/mosquitto_pub or mosquitto_sub default options
		builder.environment().put("XDG_CONFIG_HOME", out.getParent().toString());
		try {
			Process process = builder.start();
			try (OutputStream stdin = process.getOutputStream()) {
				stdin.write(input);
			}
			return new MosquittoProcess(process, command, out, err);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run " + command, ex);
		}
	}

	public long pid() {
		return this.process.pid();
	}

	/**
	 * Waits for the process to end, killing it and failing after 15 seconds.
	 * @return the exit code
	 */
	public int awaitExit() {
		try {
			if (!this.process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				kill();
				throw new AssertionError("Still running after " + EXIT_TIMEOUT + ": " + this);
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Ends the process with SIGKILL, as a crash or a pulled plug would, and waits for it.
	 */
	public void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Standard output as bytes. */
	public byte[] output() {
		try {
			return Files.readAllBytes(this.out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Standard output as UTF-8 text. */
	public String outputText() {
		return new String(output(), StandardCharsets.UTF_8);
	}

	/**
	 * Standard output lines that are not {@code -d} debug output: the printed messages.
	 */
	public List<String> messages() {
		return outputText().lines()
			.filter((line) -> !line.startsWith("Client ") && !line.startsWith("Subscribed (mid"))
			.toList();
	}

	/** Standard error as UTF-8 text. */
	public String errors() {
		try {
			return Files.readString(this.err, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public String toString() {
		return String.join(" ", this.command) + "\n--- stdout:\n" + outputText() + "--- stderr:\n" + errors();
	}

}
