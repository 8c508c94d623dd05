package dev.mqttstack.bench.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the benchmarks find what they start: the {@code benchmarks/} folder (with each
 * module's {@code target/classpath.txt}), the work folder, the JVM and its settings, and
 * the CPU set every broker process is pinned to.
 *
 * @param home the {@code benchmarks/} folder
 * @param work the folder for configs, logs and profiles of this run
 * @param java the {@code java} executable for the JVM brokers
 * @param jvmOptions heap and GC settings, the same for every JVM broker
 * @param brokerCpus the CPU list given to {@code taskset -c}; empty for no pinning
 */
public record BenchEnvironment(Path home, Path work, String java, List<String> jvmOptions, String brokerCpus) {

	/** The same heap settings for every JVM broker. */
	public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xms256m", "-Xmx1g", "-XX:+UseG1GC");

	/** The class path of a benchmarks module, as its build wrote it. */
	public String classpath(String module) {
		Path target = this.home.resolve(module).resolve("target");
		try {
			String dependencies = Files.readString(target.resolve("classpath.txt")).trim();
			return target.resolve("classes") + (dependencies.isEmpty() ? "" : ":" + dependencies);
		}
		catch (IOException ex) {
			throw new IllegalStateException(
					"Build the benchmarks first (benchmarks/run.sh does): no " + target + "/classpath.txt", ex);
		}
	}

}
