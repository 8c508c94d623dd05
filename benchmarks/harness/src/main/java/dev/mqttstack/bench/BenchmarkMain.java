package dev.mqttstack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.mqttstack.bench.broker.BenchEnvironment;
import dev.mqttstack.bench.broker.BrokerKind;
import dev.mqttstack.bench.broker.BrokerProcess;
import dev.mqttstack.bench.broker.Profiler;
import dev.mqttstack.bench.report.ScenarioResult;
import dev.mqttstack.bench.scenario.Measurement;
import dev.mqttstack.bench.scenario.RunSettings;
import dev.mqttstack.bench.scenario.Scenario;
import dev.mqttstack.bench.scenario.Scenarios;

/**
 * Runs the scenarios against every broker, alternating brokers within each scenario, and
 * writes a markdown report to {@code benchmarks/target/results-<time>.md}.
 *
 * <pre>
 * --quick                 small sizes and short windows (a few minutes in all)
 * --brokers a,b           ours, mosquitto, moquette, hivemq-ce (default: all four)
 * --scenarios a,b         scenario names (default: all)
 * --profile a,b           profile our broker in these scenarios with async-profiler
 * --profile-event e       async-profiler event: cpu (default), itimer or wall
 * --broker-cpus list      taskset CPU list for every broker (default 0; empty for none)
 * --home dir              the benchmarks folder (default: benchmarks)
 * </pre>
 */
public final class BenchmarkMain {

	private BenchmarkMain() {
	}

	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		RunSettings settings = options.quick ? RunSettings.quickRun() : RunSettings.fullRun();
		String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
		Path target = Files.createDirectories(options.home.resolve("target"));
		Path work = Files.createDirectories(target.resolve("run-" + stamp)).toAbsolutePath();
		Path report = target.resolve("results-" + stamp + ".md");
		String java = ProcessHandle.current().info().command().orElse("java");
		BenchEnvironment environment = new BenchEnvironment(options.home.toAbsolutePath(), work.toAbsolutePath(), java,
				BenchEnvironment.DEFAULT_JVM_OPTIONS, options.brokerCpus);
		StringBuilder out = new StringBuilder(header(options, settings, args));
		List<Scenario> scenarios = Scenarios.all(settings)
			.stream()
			.filter((s) -> options.scenarios.isEmpty() || options.scenarios.contains(s.name()))
			.toList();
		for (Scenario scenario : scenarios) {
			ScenarioResult result = new ScenarioResult(scenario.title(), scenario.description(), scenario.columns());
			for (BrokerKind kind : options.brokers) {
				log("%s: %s", scenario.name(), kind.label());
				try (BrokerProcess broker = BrokerProcess.start(kind, environment, scenario.credentials(),
						scenario.name(), List.of())) {
					Measurement measurement = Measurement.NONE;
					Path profile = work.resolve("profile-" + scenario.name() + "-" + kind.label() + ".collapsed");
					boolean profiling = kind == BrokerKind.OURS && options.profile.contains(scenario.name());
					if (profiling) {
						measurement = new Profiler(broker, work, profile, options.profileEvent);
					}
					Map<String, Double> metrics = scenario.run(broker, settings, measurement);
					result.add(kind.label(), metrics);
					log("  %s", metrics);
					if (profiling) {
						out.append(profileSection(scenario, profile, (Profiler) measurement));
					}
				}
				catch (Exception ex) {
					log("  failed: %s", ex);
					result.failed(kind.label(), String.valueOf(ex.getMessage()).replace('\n', ' '));
				}
			}
			out.append(result.toMarkdown());
			Files.writeString(report, out + footer());
		}
		Files.writeString(report, out + footer());
		log("Report: %s", report.toAbsolutePath());
		System.out.println(Files.readString(report));
	}

	private static String profileSection(Scenario scenario, Path profile, Profiler profiler) throws IOException {
		if (!Files.exists(profile)) {
			return "Profile of our broker in " + scenario.name() + " not written: " + profiler.lastOutput().trim()
					+ "\n\n";
		}
		return "#### Where our broker spends CPU in " + scenario.title() + " (async-profiler, measured window)\n\n"
				+ "Collapsed stacks: `" + profile.getFileName() + "`.\n\n" + Profiler.summary(profile, 15) + "\n";
	}

	private static String header(Options options, RunSettings settings, String[] args) {
		StringBuilder out = new StringBuilder("# Benchmark results\n\n");
		out.append("- Started: ").append(Instant.now()).append('\n');
		out.append("- Command: `benchmarks/run.sh ").append(String.join(" ", args)).append("`\n");
		out.append("- Mode: ")
			.append(options.quick ? "quick" : "full")
			.append(", warm-up ")
			.append(settings.warmup().toSeconds())
			.append(" s, measured ")
			.append(settings.measure().toSeconds())
			.append(" s per broker and scenario\n");
		out.append("- CPUs: ").append(Runtime.getRuntime().availableProcessors()).append(" visible to the generator");
		out.append("; brokers pinned to CPU set `").append(options.brokerCpus).append("`\n");
		out.append("- Machine: ").append(shell("lscpu | sed -n 's/^Model name: *//p'")).append(", ");
		out.append(shell("nproc --all")).append(" cores, kernel ").append(shell("uname -r")).append('\n');
		out.append("- JDK: ")
			.append(System.getProperty("java.vm.name"))
			.append(' ')
			.append(System.getProperty("java.runtime.version"))
			.append("; JVM brokers: `")
			.append(String.join(" ", BenchEnvironment.DEFAULT_JVM_OPTIONS))
			.append("`\n");
		out.append("- Mosquitto: ").append(shell("/usr/sbin/mosquitto -h 2>&1 | head -1")).append('\n');
		out.append("- Load before the run: ").append(shell("uptime")).append("\n\n");
		return out.toString();
	}

	private static String footer() {
		return "- Load at the end: " + shell("uptime") + "\n";
	}

	private static String shell(String command) {
		try {
			Process process = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes()).trim();
			process.waitFor(10, TimeUnit.SECONDS);
			return output;
		}
		catch (IOException ex) {
			return "?";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "?";
		}
	}

	private static void log(String format, Object... args) {
		System.err.printf("[%s] %s%n", Instant.now().toString().substring(11, 19), String.format(format, args));
	}

	/** Parsed command line. */
	static final class Options {

		boolean quick;

		List<BrokerKind> brokers = List.of(BrokerKind.values());

		Set<String> scenarios = Set.of();

		Set<String> profile = Set.of();

		String profileEvent = "cpu";

		String brokerCpus = "0";

		Path home = Path.of(System.getProperty("bench.home", "benchmarks"));

		static Options parse(String[] args) {
			Options options = new Options();
			for (int i = 0; i < args.length; i++) {
				switch (args[i]) {
					case "--quick" -> options.quick = true;
					case "--full" -> options.quick = false;
					case "--brokers" -> {
						List<BrokerKind> kinds = new ArrayList<>();
						for (String name : args[++i].split(",")) {
							kinds.add(BrokerKind.of(name.trim()));
						}
						options.brokers = kinds;
					}
					case "--scenarios" -> options.scenarios = Set.copyOf(Arrays.asList(args[++i].split(",")));
					case "--profile" -> options.profile = Set.copyOf(Arrays.asList(args[++i].split(",")));
					case "--profile-event" -> options.profileEvent = args[++i];
					case "--broker-cpus" -> options.brokerCpus = args[++i];
					case "--home" -> options.home = Path.of(args[++i]);
					default -> throw new IllegalArgumentException("Unknown option " + args[i]);
				}
			}
			return options;
		}

	}

}
