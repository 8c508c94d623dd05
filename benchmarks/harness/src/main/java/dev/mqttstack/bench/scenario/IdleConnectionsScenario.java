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
import dev.mqttstack.bench.loadgen.LoadClient;
import dev.mqttstack.bench.loadgen.LoadGenerator;
import dev.mqttstack.bench.report.Column;

/**
 * Idle connections: many clients, one subscription each, then nothing; the broker's
 * resident memory per connection is the growth over its idle footprint (JVM brokers are
 * asked for a full GC before both readings).
 */
public final class IdleConnectionsScenario implements Scenario {

	private final int connections;

	public IdleConnectionsScenario(int connections) {
		this.connections = connections;
	}

	@Override
	public String name() {
		return "idle";
	}

	@Override
	public String title() {
		return "Idle connections";
	}

	@Override
	public String description() {
		return "%,d clients connect (MQTT 3.1.1, clean session) and subscribe to one topic each, then stay idle; resident memory growth per connection (lower is better)."
			.formatted(this.connections);
	}

	@Override
	public List<Column> columns() {
		return List.of(Column.of("connections", "connections", 0), Column.of("rssBefore", "RSS idle MiB", 1),
				Column.of("rssAfter", "RSS connected MiB", 1),
				Column.withRatio("perConnection", "KiB per connection", 2),
				Column.of("connectSeconds", "connect + subscribe s", 1));
	}

	@Override
	public Map<String, Double> run(BrokerProcess broker, RunSettings settings, Measurement measurement)
			throws Exception {
		broker.collectGarbage();
		long before = broker.rssKib();
		try (LoadGenerator generator = new LoadGenerator(new InetSocketAddress("127.0.0.1", broker.port()),
				settings.sourceAddresses())) {
			long start = System.nanoTime();
			List<LoadClient> clients = generator.connectAll(this.connections, (i) -> "idle-" + i, null, 200,
					Duration.ofMinutes(5));
			List<CompletableFuture<Void>> subscribed = new ArrayList<>();
			for (int i = 0; i < clients.size(); i++) {
				subscribed.add(clients.get(i).subscribe(List.of("idle/" + i + "/state"), 1));
			}
			CompletableFuture.allOf(subscribed.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
			double seconds = (System.nanoTime() - start) / 1e9;
			broker.collectGarbage();
			long after = broker.rssKib();
			Map<String, Double> metrics = new LinkedHashMap<>();
			metrics.put("connections", (double) clients.size());
			metrics.put("rssBefore", before / 1024.0);
			metrics.put("rssAfter", after / 1024.0);
			metrics.put("perConnection", (after - before) / (double) clients.size());
			metrics.put("connectSeconds", seconds);
			return metrics;
		}
	}

}
