package dev.mqttstack.bench.scenario;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mqttstack.bench.broker.BrokerProcess;
import dev.mqttstack.bench.loadgen.LoadClient.Credentials;
import dev.mqttstack.bench.loadgen.LoadGenerator;
import dev.mqttstack.bench.loadgen.LoadSnapshot;
import dev.mqttstack.bench.report.Column;

/**
 * Connect rate with password authentication: clients connect with a user name and
 * password, a fixed number waiting for CONNACK at a time; every broker checks the
 * password as PBKDF2-HMAC-SHA512 with 101 iterations (mosquitto's password file hash).
 */
public final class ConnectRateScenario implements Scenario {

	static final Credentials CREDENTIALS = new Credentials("bench", "bench-secret");

	private final int connections;

	private final int concurrency;

	public ConnectRateScenario(int connections, int concurrency) {
		this.connections = connections;
		this.concurrency = concurrency;
	}

	@Override
	public String name() {
		return "connect-rate";
	}

	@Override
	public String title() {
		return "Connect rate with password authentication";
	}

	@Override
	public String description() {
		return "%,d clients connect with user name and password, %d CONNECTs in flight at a time (PBKDF2-HMAC-SHA512, 101 iterations, in every broker); CONNECT → CONNACK latency."
			.formatted(this.connections, this.concurrency);
	}

	@Override
	public Credentials credentials() {
		return CREDENTIALS;
	}

	@Override
	public List<Column> columns() {
		return List.of(Column.withRatio("rate", "connects/s", 0), Column.of("p50", "p50 ms", 2),
				Column.of("p99", "p99 ms", 2), Column.of("cpu", "broker CPU %", 0),
				Column.of("cpuPerConnect", "broker CPU ms per connect", 3), Column.of("failures", "failed", 0));
	}

	@Override
	public Map<String, Double> run(BrokerProcess broker, RunSettings settings, Measurement measurement)
			throws Exception {
		try (LoadGenerator generator = new LoadGenerator(new InetSocketAddress("127.0.0.1", broker.port()),
				settings.sourceAddresses())) {
			generator.startMeasurement();
			measurement.started();
			double cpu = broker.cpuSeconds();
			long start = System.nanoTime();
			generator.connectAll(this.connections, (i) -> "conn-" + i, CREDENTIALS, this.concurrency,
					Duration.ofMinutes(5));
			double seconds = (System.nanoTime() - start) / 1e9;
			cpu = broker.cpuSeconds() - cpu;
			measurement.ended();
			LoadSnapshot snapshot = generator.snapshot();
			Map<String, Double> metrics = new LinkedHashMap<>();
			metrics.put("rate", this.connections / seconds);
			metrics.put("p50", snapshot.connectLatency().getValueAtPercentile(50) / 1e6);
			metrics.put("p99", snapshot.connectLatency().getValueAtPercentile(99) / 1e6);
			metrics.put("cpu", 100 * cpu / seconds);
			metrics.put("cpuPerConnect", 1000 * cpu / this.connections);
			metrics.put("failures", (double) snapshot.connectFailures());
			return metrics;
		}
	}

}
