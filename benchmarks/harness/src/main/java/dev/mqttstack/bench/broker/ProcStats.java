package dev.mqttstack.bench.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of a process, read from {@code /proc/<pid>/stat} and
 * {@code /proc/<pid>/status}.
 */
public final class ProcStats {

	/** Clock ticks per second of {@code /proc/<pid>/stat}'s utime and stime (USER_HZ). */
	private static final double TICKS_PER_SECOND = 100.0;

	private ProcStats() {
	}

	/** User plus system CPU time of the process, in seconds; 0 if it cannot be read. */
	public static double cpuSeconds(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			// Fields after the command name, which is in parentheses and may hold spaces.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long utime = Long.parseLong(fields[11]);
			long stime = Long.parseLong(fields[12]);
			return (utime + stime) / TICKS_PER_SECOND;
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/** Resident set size of the process (VmRSS), in KiB; 0 if it cannot be read. */
	public static long rssKib(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// the process is gone
		}
		return 0;
	}

}
