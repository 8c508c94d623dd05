package dev.mqttstack.admin.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the PostgreSQL left running on the embedded data directory by a service that died
 * without stopping it ({@code kill -9}, a crash): the postmaster named in
 * {@code postmaster.pid} is stopped only when {@code /proc/PID/cmdline} shows a postgres
 * process on that very data directory, with SIGTERM, then SIGKILL (and its children) when
 * it does not end in time.
 */
final class StalePostmaster {

	private static final Logger logger = LoggerFactory.getLogger(StalePostmaster.class);

	private static final long TERM_WAIT_SECONDS = 15;

	private StalePostmaster() {
	}

	/**
	 * Stops the stale postmaster of a data directory, if one runs.
	 * @param dataDirectory the absolute data directory
	 * @return whether one was found and stopped
	 */
	static boolean stop(Path dataDirectory) {
		Optional<ProcessHandle> postmaster = find(dataDirectory);
		if (postmaster.isEmpty()) {
			return false;
		}
		ProcessHandle process = postmaster.get();
		logger.warn("Stopping the embedded PostgreSQL (PID {}) a previous run left on {}", process.pid(),
				dataDirectory);
		List<ProcessHandle> children = process.descendants().toList();
		process.destroy();
		if (!waitForExit(process, TERM_WAIT_SECONDS)) {
			logger.warn("PostgreSQL (PID {}) did not stop within {} s of SIGTERM; sending SIGKILL", process.pid(),
					TERM_WAIT_SECONDS);
			process.destroyForcibly();
			children.forEach(ProcessHandle::destroyForcibly);
			waitForExit(process, 5);
		}
		children.forEach((child) -> waitForExit(child, 5));
		return true;
	}

	/**
	 * The live postgres process that holds the data directory's {@code postmaster.pid}.
	 * @param dataDirectory the absolute data directory
	 * @return the process, or empty when none runs or the PID belongs to another program
	 */
	static Optional<ProcessHandle> find(Path dataDirectory) {
		Path pidFile = dataDirectory.resolve("postmaster.pid");
		long pid;
		try {
			List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
			if (lines.isEmpty()) {
				return Optional.empty();
			}
			pid = Long.parseLong(lines.get(0).trim());
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
		Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
		if (process.isEmpty()) {
			return Optional.empty();
		}
		List<String> arguments;
		try {
			arguments = List.of(new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")),
					StandardCharsets.UTF_8)
				.split("\0"));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		boolean postgres = !arguments.isEmpty()
				&& Path.of(arguments.get(0)).getFileName().toString().equals("postgres");
		if (!postgres || !arguments.contains(dataDirectory.toString())) {
			logger.info("postmaster.pid of {} names PID {}, which is not its PostgreSQL ({}); leaving it alone",
					dataDirectory, pid, String.join(" ", arguments));
			return Optional.empty();
		}
		return process;
	}

	private static boolean waitForExit(ProcessHandle process, long seconds) {
		try {
			process.onExit().get(seconds, TimeUnit.SECONDS);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return !process.isAlive();
		}
		catch (ExecutionException | TimeoutException ex) {
			return !process.isAlive();
		}
	}

}
