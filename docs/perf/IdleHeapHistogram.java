import java.io.File;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.mqttstack.bench.loadgen.LoadClient;
import dev.mqttstack.bench.loadgen.LoadGenerator;

/**
 * What an idle connection holds on the broker's heap, class by class: starts the
 * standalone broker as the benchmarks do (same JVM options), takes a class histogram
 * ({@code jcmd GC.class_histogram}, which runs a full GC first), connects N clients of the
 * benchmark generator (MQTT 3.1.1, clean session, keep-alive 0, one subscription each,
 * the {@code idle} scenario's shape), takes a second histogram and prints the difference
 * per connection as a markdown table. Not part of the build: a single-file program run
 * with the harness's class path (see docs/perf/idle-connection-heap.md).
 *
 * <pre>
 * java -cp "$CP" docs/perf/IdleHeapHistogram.java 10000 target/idle-heap.md
 * </pre>
 */
public class IdleHeapHistogram {

	public static void main(String[] args) throws Exception {
		int connections = Integer.parseInt(args[0]);
		Path out = Path.of(args[1]);
		String classpath = System.getProperty("java.class.path");
		String bin = Path.of(System.getProperty("java.home"), "bin").toString();
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Process broker = new ProcessBuilder(bin + "/java", "-Xms256m", "-Xmx1g", "-XX:+UseG1GC", "-cp", classpath,
				"dev.mqttstack.broker.standalone.BrokerMain", "-p", Integer.toString(port), "-b", "127.0.0.1",
				"--max-inflight", "20", "--max-queued", "1000", "--sys-interval", "0")
			.redirectErrorStream(true)
			.redirectOutput(new File(out + ".broker.log"))
			.start();
		try {
			awaitPort(port);
			Map<String, long[]> before = histogram(bin, broker.pid());
			long rssBefore = rssKib(broker.pid());
			try (LoadGenerator generator = new LoadGenerator(new InetSocketAddress("127.0.0.1", port), 1)) {
				List<LoadClient> clients = generator.connectAll(connections, (i) -> "idle-" + i, null, 200,
						Duration.ofMinutes(5));
				List<CompletableFuture<Void>> subscribed = new ArrayList<>();
				for (int i = 0; i < clients.size(); i++) {
					subscribed.add(clients.get(i).subscribe(List.of("idle/" + i + "/state"), 1));
				}
				CompletableFuture.allOf(subscribed.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
				Map<String, long[]> after = histogram(bin, broker.pid());
				long rssAfter = rssKib(broker.pid());
				String table = table(before, after, connections, rssAfter - rssBefore);
				System.out.print(table);
				Files.writeString(out, table);
			}
		}
		finally {
			broker.destroy();
			broker.waitFor(10, TimeUnit.SECONDS);
		}
	}

	private static String table(Map<String, long[]> before, Map<String, long[]> after, int connections,
			long rssGrowthKib) {
		List<Map.Entry<String, long[]>> rows = new ArrayList<>();
		long total = 0;
		for (Map.Entry<String, long[]> entry : after.entrySet()) {
			long[] earlier = before.getOrDefault(entry.getKey(), new long[2]);
			long instances = entry.getValue()[0] - earlier[0];
			long bytes = entry.getValue()[1] - earlier[1];
			total += bytes;
			if (bytes > 0) {
				rows.add(Map.entry(entry.getKey(), new long[] { instances, bytes }));
			}
		}
		rows.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]));
		StringBuilder text = new StringBuilder();
		text.append(String.format("connections %d, heap growth %.1f B/conn, RSS growth %.2f KiB/conn%n", connections,
				total / (double) connections, rssGrowthKib / (double) connections));
		text.append("| class | instances per connection | bytes per connection |\n|---|---|---|\n");
		for (Map.Entry<String, long[]> row : rows) {
			double perConnection = row.getValue()[1] / (double) connections;
			if (perConnection >= 3) {
				text.append(String.format("| `%s` | %.2f | %.1f |%n", row.getKey(),
						row.getValue()[0] / (double) connections, perConnection));
			}
		}
		return text.toString();
	}

	private static void awaitPort(int port) throws Exception {
		for (int attempt = 0;; attempt++) {
			try (Socket socket = new Socket("127.0.0.1", port)) {
				return;
			}
			catch (Exception ex) {
				if (attempt > 300) {
					throw ex;
				}
				Thread.sleep(100); // polling a starting process, no other signal to wait on
			}
		}
	}

	private static long rssKib(long pid) throws Exception {
		for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("\\D", ""));
			}
		}
		return -1;
	}

	/** Instances and bytes per class, from {@code jcmd PID GC.class_histogram}. */
	private static Map<String, long[]> histogram(String bin, long pid) throws Exception {
		Process jcmd = new ProcessBuilder(bin + "/jcmd", Long.toString(pid), "GC.class_histogram")
			.redirectErrorStream(true)
			.start();
		String text = new String(jcmd.getInputStream().readAllBytes());
		jcmd.waitFor();
		Map<String, long[]> classes = new HashMap<>();
		for (String line : text.split("\n")) {
			String[] fields = line.trim().split("\\s+");
			if (fields.length >= 4 && fields[0].endsWith(":")) {
				classes.put(fields[3], new long[] { Long.parseLong(fields[1]), Long.parseLong(fields[2]) });
			}
		}
		return classes;
	}

}
