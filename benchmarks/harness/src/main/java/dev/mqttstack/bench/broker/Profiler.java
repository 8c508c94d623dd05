package dev.mqttstack.bench.broker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.mqttstack.bench.scenario.Measurement;

/**
 * async-profiler (from its Maven Central jar) loaded into a JVM broker with
 * {@code jcmd JVMTI.agent_load} for a scenario's measured window only: CPU samples every
 * millisecond, written as collapsed stacks, plus a summary of the hottest frames.
 */
public final class Profiler implements Measurement {

	private static final String LIBRARY = "linux-x64/libasyncProfiler.so";

	private final BrokerProcess broker;

	private final Path library;

	private final Path output;

	private final String event;

	private String lastOutput = "";

	public Profiler(BrokerProcess broker, Path work, Path output, String event) throws IOException {
		this.broker = broker;
		this.library = extract(work);
		this.output = output;
		this.event = event;
	}

	private static Path extract(Path work) throws IOException {
		Path target = work.resolve("libasyncProfiler.so");
		if (!Files.exists(target)) {
			try (InputStream in = Profiler.class.getClassLoader().getResourceAsStream(LIBRARY)) {
				if (in == null) {
					throw new IOException("async-profiler is not on the class path (" + LIBRARY + ")");
				}
				Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		return target;
	}

	@Override
	public void started() throws Exception {
		this.lastOutput = this.broker.jcmd("JVMTI.agent_load", this.library.toString(),
				quoted("start,event=" + this.event + ",interval=1000000"));
	}

	@Override
	public void ended() throws Exception {
		this.lastOutput += this.broker.jcmd("JVMTI.agent_load", this.library.toString(),
				quoted("stop,file=" + this.output + ",collapsed"));
	}

	/** Quotes agent options: jcmd's parser would take their '=' for a named argument. */
	private static String quoted(String options) {
		return '"' + options + '"';
	}

	/** What jcmd answered, for the log when no profile was written. */
	public String lastOutput() {
		return this.lastOutput;
	}

	/**
	 * Summarises collapsed stacks as markdown: self time by kind of code (kernel, JVM
	 * internals such as JIT and GC, Netty, our broker, other Java), the hottest frames of
	 * our broker counting their callees, and the frames with the most self time.
	 */
	public static String summary(Path collapsed, int limit) throws IOException {
		Map<String, Long> self = new HashMap<>();
		Map<String, Long> kinds = new LinkedHashMap<>();
		Map<String, Long> ours = new HashMap<>();
		long total = 0;
		for (String line : Files.readAllLines(collapsed)) {
			int space = line.lastIndexOf(' ');
			if (space < 0) {
				continue;
			}
			long samples = Long.parseLong(line.substring(space + 1).trim());
			// Lambda classes carry their address: one name for all of them.
			String[] frames = line.substring(0, space)
				.replaceAll("\\$\\$Lambda\\$[^.;]*\\.0x[0-9a-f]+", "\\$\\$Lambda")
				.split(";");
			String leaf = frames[frames.length - 1];
			self.merge(leaf, samples, Long::sum);
			kinds.merge(kind(leaf), samples, Long::sum);
			Set<String> seen = new HashSet<>();
			for (String frame : frames) {
				if (frame.startsWith("dev/mqttstack/") && seen.add(frame)) {
					ours.merge(frame, samples, Long::sum);
				}
			}
			total += samples;
		}
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "%,d samples.%n%n| self time in | %% |%n|---|---|%n", total));
		appendRows(out, kinds, total, 10, false);
		out.append("\n| our broker's frames, callees included | % |\n|---|---|\n");
		appendRows(out, ours, total, limit, true);
		out.append("\n| hottest frames (self) | % |\n|---|---|\n");
		appendRows(out, self, total, limit, true);
		return out.toString();
	}

	private static String kind(String frame) {
		if (frame.endsWith("_[k]")) {
			return "kernel (network stack, scheduler)";
		}
		if (frame.startsWith("io/netty/")) {
			return "Netty";
		}
		if (frame.startsWith("dev/mqttstack/")) {
			return "our broker";
		}
		if (frame.contains("/")) {
			return "other Java (JDK, libraries)";
		}
		return "JVM and native (JIT compiler, GC, libc)";
	}

	private static void appendRows(StringBuilder out, Map<String, Long> counts, long total, int limit, boolean code) {
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(limit)
			.forEach((entry) -> out.append(String.format(Locale.ROOT, "| %s | %.1f |%n",
					code ? "`" + entry.getKey() + "`" : entry.getKey(), 100.0 * entry.getValue() / total)));
	}

}
