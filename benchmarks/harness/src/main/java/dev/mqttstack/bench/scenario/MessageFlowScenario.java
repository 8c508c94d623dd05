package dev.mqttstack.bench.scenario;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.mqttstack.bench.broker.BrokerProcess;
import dev.mqttstack.bench.broker.ProcStats;
import dev.mqttstack.bench.loadgen.LoadClient;
import dev.mqttstack.bench.loadgen.LoadGenerator;
import dev.mqttstack.bench.loadgen.LoadSnapshot;
import dev.mqttstack.bench.loadgen.Publisher;
import dev.mqttstack.bench.report.Column;

/**
 * A scenario where publishers send on a fixed schedule to subscribers: connects the
 * subscribers and publishers of its {@link Topology}, runs the schedule through a warm-up
 * and a measured window, then waits for late deliveries and counts what never came.
 */
public final class MessageFlowScenario implements Scenario {

	static final List<Column> COLUMNS = List.of(Column.of("offered", "offered deliveries/s", 0),
			Column.withRatio("delivered", "delivered msg/s", 0), Column.of("p50", "p50 ms", 2),
			Column.of("p99", "p99 ms", 2), Column.of("p999", "p99.9 ms", 2), Column.of("cpu", "broker CPU %", 0),
			Column.withRatio("perCpu", "msg per broker CPU-s", 0), Column.of("rss", "RSS MiB", 0),
			Column.of("missing", "lost", 0), Column.of("genCpu", "generator CPU %", 0));

	private final String name;

	private final String title;

	private final String description;

	private final Topology topology;

	public MessageFlowScenario(String name, String title, String description, Topology topology) {
		this.name = name;
		this.title = title;
		this.description = description;
		this.topology = topology;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String title() {
		return this.title;
	}

	@Override
	public String description() {
		return this.description;
	}

	@Override
	public List<Column> columns() {
		return COLUMNS;
	}

	@Override
	public Map<String, Double> run(BrokerProcess broker, RunSettings settings, Measurement measurement)
			throws Exception {
		try (LoadGenerator generator = new LoadGenerator(new InetSocketAddress("127.0.0.1", broker.port()),
				settings.sourceAddresses())) {
			Duration setup = Duration.ofMinutes(2);
			List<LoadClient> subscribers = generator.connectAll(this.topology.subscribers(), (i) -> "sub-" + i, null,
					200, setup);
			List<CompletableFuture<Void>> subscribed = new ArrayList<>();
			for (int i = 0; i < subscribers.size(); i++) {
				subscribed.add(subscribers.get(i).subscribe(this.topology.filters(i), this.topology.subscriptionQos()));
			}
			CompletableFuture.allOf(subscribed.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
			List<LoadClient> publisherClients = generator.connectAll(this.topology.publishers(), (i) -> "pub-" + i,
					null, 200, setup);
			List<Publisher> publishers = new ArrayList<>();
			for (int i = 0; i < publisherClients.size(); i++) {
				publishers.add(this.topology.publisher(i, publisherClients.get(i)));
			}
			return measure(generator, broker, publishers, settings, measurement);
		}
	}

	/** Runs the schedule and turns the snapshots into this scenario's metrics. */
	static Map<String, Double> measure(LoadGenerator generator, BrokerProcess broker, List<Publisher> publishers,
			RunSettings settings, Measurement measurement) throws Exception {
		CompletableFuture<Void> schedule = generator.publish(publishers, settings.warmup().plus(settings.measure()));
		Thread.sleep(settings.warmup().toMillis());
		generator.startMeasurement();
		measurement.started();
		LoadSnapshot start = generator.snapshot();
		double brokerCpu = broker.cpuSeconds();
		double generatorCpu = ProcStats.cpuSeconds(ProcessHandle.current().pid());
		long startNanos = System.nanoTime();
		schedule.get(settings.warmup().plus(settings.measure()).toSeconds() + 60, TimeUnit.SECONDS);
		LoadSnapshot end = generator.snapshot();
		double seconds = (System.nanoTime() - startNanos) / 1e9;
		brokerCpu = broker.cpuSeconds() - brokerCpu;
		generatorCpu = ProcStats.cpuSeconds(ProcessHandle.current().pid()) - generatorCpu;
		long rss = broker.rssKib();
		measurement.ended();
		LoadSnapshot drained = generator.drain(Duration.ofSeconds(2), settings.drain());
		double delivered = (end.received() - start.received()) / seconds;
		Map<String, Double> metrics = new LinkedHashMap<>();
		metrics.put("offered", (end.expected() - start.expected()) / seconds);
		metrics.put("delivered", delivered);
		// No message of the window delivered: no latency to show, rather than a zero.
		boolean measured = drained.latency().getTotalCount() > 0;
		metrics.put("p50", measured ? millis(drained.latency().getValueAtPercentile(50)) : Double.NaN);
		metrics.put("p99", measured ? millis(drained.latency().getValueAtPercentile(99)) : Double.NaN);
		metrics.put("p999", measured ? millis(drained.latency().getValueAtPercentile(99.9)) : Double.NaN);
		metrics.put("cpu", 100 * brokerCpu / seconds);
		metrics.put("perCpu", (brokerCpu > 0) ? (end.received() - start.received()) / brokerCpu : Double.NaN);
		metrics.put("rss", rss / 1024.0);
		metrics.put("missing", (double) drained.missing());
		metrics.put("genCpu", 100 * generatorCpu / seconds);
		metrics.put("disconnects", (double) drained.unexpectedDisconnects());
		return metrics;
	}

	private static double millis(long nanos) {
		return nanos / 1e6;
	}

}
