package dev.mqttstack.bench.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

import dev.mqttstack.bench.loadgen.LoadClient;
import dev.mqttstack.bench.loadgen.Publisher;

/**
 * The issue's scenarios, sized for a 2-core machine (one core for the broker, one for the
 * generator), with smaller counts and rates for a quick run.
 */
public final class Scenarios {

	private Scenarios() {
	}

	/**
	 * Every scenario, in the order a run takes them; a quick run takes one QoS of each
	 * message-flow family (fan-in QoS 1, fan-out QoS 0, pairs QoS 1).
	 */
	public static List<Scenario> all(RunSettings settings) {
		List<Scenario> scenarios = new ArrayList<>();
		for (int qos = settings.quick() ? 1 : 0; qos <= 1; qos++) {
			scenarios.add(fanIn(settings, qos));
		}
		for (int qos = 0; qos <= (settings.quick() ? 0 : 1); qos++) {
			scenarios.add(fanOut(settings, qos));
		}
		for (int qos = settings.quick() ? 1 : 0; qos <= (settings.quick() ? 1 : 2); qos++) {
			scenarios.add(pairs(settings, qos));
		}
		scenarios.add(latency(settings));
		scenarios.add(new IdleConnectionsScenario(settings.size(15_000, 2_000)));
		scenarios.add(topicTree(settings));
		scenarios.add(new ConnectRateScenario(settings.size(5_000, 1_000), 50));
		return scenarios;
	}

	static Scenario fanIn(RunSettings settings, int qos) {
		int publishers = settings.size(200, 50);
		double rate = settings.size(100, 200);
		return new MessageFlowScenario("fan-in-qos" + qos, "Fan-in, QoS " + qos,
				"%d publishers → 1 subscriber on `t/#`, 64 B, %.0f msg/s each (%.0f msg/s in total)."
					.formatted(publishers, rate, publishers * rate),
				topology(1, (i) -> List.of("t/#"), qos, publishers,
						(i, client) -> Publisher.fixed(client, "t/" + i, 1, qos, 64, rate)));
	}

	static Scenario fanOut(RunSettings settings, int qos) {
		int subscribers = settings.size(500, 100);
		double rate = settings.size(40, 100);
		return new MessageFlowScenario("fan-out-qos" + qos, "Fan-out, QoS " + qos,
				"5 publishers → %d subscribers of `fan/out`, 64 B, %.0f msg/s each (%.0f deliveries/s)."
					.formatted(subscribers, rate, 5 * rate * subscribers),
				topology(subscribers, (i) -> List.of("fan/out"), qos, 5,
						(i, client) -> Publisher.fixed(client, "fan/out", subscribers, qos, 64, rate)));
	}

	static Scenario pairs(RunSettings settings, int qos) {
		int pairs = settings.size(1_000, 200);
		double rate = settings.size(20, 50);
		return new MessageFlowScenario("pairs-qos" + qos, "1:1 pairs, QoS " + qos,
				"%d publisher → subscriber pairs, each on its own topic, 128 B, %.0f msg/s each (%.0f msg/s)."
					.formatted(pairs, rate, pairs * rate),
				topology(pairs, (i) -> List.of("pair/" + i), qos, pairs,
						(i, client) -> Publisher.fixed(client, "pair/" + i, 1, qos, 128, rate)));
	}

	static Scenario latency(RunSettings settings) {
		return new MessageFlowScenario("latency", "Latency at 10k msg/s, QoS 1",
				"100 pairs, QoS 1, 64 B, 100 msg/s each: a fixed 10,000 msg/s; latency from the intended send time.",
				topology(100, (i) -> List.of("lat/" + i), 1, 100,
						(i, client) -> Publisher.fixed(client, "lat/" + i, 1, 1, 64, 100)));
	}

	/**
	 * Filter {@code f} covers the topic pair (x = f % 100, y = f / 100), so filters are
	 * distinct and at most one matches a topic; one in twenty ends in {@code +}, one in
	 * twenty in {@code #}, one in twenty starts with {@code +}; the rest are exact.
	 */
	static Scenario topicTree(RunSettings settings) {
		int filters = settings.size(10_000, 2_000);
		int perSubscriber = 100;
		int subscribers = filters / perSubscriber;
		int publishers = 20;
		double rate = settings.size(250, 250);
		return new MessageFlowScenario("topic-tree", "Topic tree",
				"%d distinct filters (exact, `+` and `#`) over %d subscribers; %d publishers send 64 B QoS 0 to random topics `tree/x/y/z` under the filters (nine in ten match one), %.0f msg/s each."
					.formatted(filters, subscribers, publishers, rate),
				topology(subscribers, (s) -> {
					List<String> list = new ArrayList<>();
					for (int f = s * perSubscriber; f < (s + 1) * perSubscriber; f++) {
						list.add(treeFilter(f));
					}
					return list;
				}, 0, publishers, (i, client) -> {
					SplittableRandom random = new SplittableRandom(i);
					return new Publisher(client, (n) -> treeTopic(random, filters),
							(topic) -> treeMatches(topic, filters), 0, 64, rate);
				}));
	}

	/**
	 * A random topic under a random filter's (x, y), whose last level is the one that
	 * filter names nine times in ten: most messages reach one subscriber, some none.
	 */
	static String treeTopic(SplittableRandom random, int filters) {
		int f = random.nextInt(filters);
		int z = (random.nextInt(10) == 0) ? random.nextInt(10) : f % 10;
		return "tree/" + (f % 100) + "/" + (f / 100) + "/" + z;
	}

	static String treeFilter(int f) {
		int x = f % 100;
		int y = f / 100;
		return switch (f % 20) {
			case 0 -> "tree/" + x + "/" + y + "/+";
			case 1 -> "tree/" + x + "/" + y + "/#";
			case 2 -> "+/" + x + "/" + y + "/" + (f % 10);
			default -> "tree/" + x + "/" + y + "/" + (f % 10);
		};
	}

	/** How many of the first {@code filters} tree filters match this topic: 0 or 1. */
	static int treeMatches(String topic, int filters) {
		String[] levels = topic.split("/");
		int x = Integer.parseInt(levels[1]);
		int y = Integer.parseInt(levels[2]);
		int z = Integer.parseInt(levels[3]);
		int f = y * 100 + x;
		if (f >= filters) {
			return 0;
		}
		return (f % 20 <= 1 || z == f % 10) ? 1 : 0;
	}

	static Topology topology(int subscribers, IntFunction<List<String>> filters, int qos, int publishers,
			PublisherFactory factory) {
		return new Topology() {

			@Override
			public int subscribers() {
				return subscribers;
			}

			@Override
			public List<String> filters(int subscriber) {
				return filters.apply(subscriber);
			}

			@Override
			public int subscriptionQos() {
				return qos;
			}

			@Override
			public int publishers() {
				return publishers;
			}

			@Override
			public Publisher publisher(int index, LoadClient client) {
				return factory.create(index, client);
			}

		};
	}

	/** Builds the n-th publisher's schedule. */
	@FunctionalInterface
	interface PublisherFactory {

		Publisher create(int index, LoadClient client);

	}

}
