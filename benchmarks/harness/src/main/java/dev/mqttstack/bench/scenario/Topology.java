package dev.mqttstack.bench.scenario;

import java.util.List;

import dev.mqttstack.bench.loadgen.LoadClient;
import dev.mqttstack.bench.loadgen.Publisher;

/** Who subscribes to what and who publishes what, in a message-flow scenario. */
public interface Topology {

	/** Subscriber connections to open. */
	int subscribers();

	/** Filters of the n-th subscriber, sent in one SUBSCRIBE. */
	List<String> filters(int subscriber);

	/** QoS the subscribers ask for. */
	int subscriptionQos();

	/** Publisher connections to open. */
	int publishers();

	/** The schedule of the n-th publisher. */
	Publisher publisher(int index, LoadClient client);

}
