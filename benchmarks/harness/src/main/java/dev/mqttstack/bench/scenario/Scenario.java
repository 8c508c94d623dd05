package dev.mqttstack.bench.scenario;

import java.util.List;
import java.util.Map;

import dev.mqttstack.bench.broker.BrokerProcess;
import dev.mqttstack.bench.loadgen.LoadClient.Credentials;
import dev.mqttstack.bench.report.Column;

/** One load scenario, run against each broker in turn on a freshly started process. */
public interface Scenario {

	/** Short name used on the command line and in file names. */
	String name();

	/** Heading of its table. */
	String title();

	/** What it does, with its sizes, in a sentence or two. */
	String description();

	/** The columns of its table. */
	List<Column> columns();

	/** The user a broker must accept for this scenario, or null for anonymous clients. */
	default Credentials credentials() {
		return null;
	}

	/**
	 * Runs against a started broker.
	 * @return the metrics named by {@link #columns()}
	 */
	Map<String, Double> run(BrokerProcess broker, RunSettings settings, Measurement measurement) throws Exception;

}
