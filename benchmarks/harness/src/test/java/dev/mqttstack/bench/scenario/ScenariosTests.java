package dev.mqttstack.bench.scenario;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.mqttstack.bench.loadgen.LoadClient;
import dev.mqttstack.bench.loadgen.LoadGenerator;
import dev.mqttstack.bench.loadgen.LoadSnapshot;
import dev.mqttstack.bench.loadgen.Publisher;
import dev.mqttstack.broker.MqttBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The scenarios' sizes and the topic tree's expected match counts. */
class ScenariosTests {

	@Test
	void fullRunHasEveryScenarioOfTheIssue() {
		List<String> names = Scenarios.all(RunSettings.fullRun()).stream().map(Scenario::name).toList();
		assertThat(names).containsExactly("fan-in-qos0", "fan-in-qos1", "fan-out-qos0", "fan-out-qos1", "pairs-qos0",
				"pairs-qos1", "pairs-qos2", "latency", "idle", "topic-tree", "connect-rate");
		assertThat(Scenarios.all(RunSettings.fullRun())).extracting(Scenario::description)
			.anyMatch((d) -> d.contains("200 publishers → 1 subscriber"))
			.anyMatch((d) -> d.contains("500 subscribers"))
			.anyMatch((d) -> d.contains("1000 publisher → subscriber pairs"))
			.anyMatch((d) -> d.contains("15,000 clients"))
			.anyMatch((d) -> d.contains("10000 distinct filters"));
	}

	@Test
	void topicTreeFiltersAreDistinct() {
		Set<String> filters = new HashSet<>();
		for (int f = 0; f < 10_000; f++) {
			filters.add(Scenarios.treeFilter(f));
		}
		assertThat(filters).hasSize(10_000);
	}

	@Test
	void topicTreeExpectationsMatchWhatTheBrokerDelivers() throws Exception {
		int filters = 1_000;
		MqttBroker broker = MqttBroker.builder().host("127.0.0.1").port(0).sysInterval(Duration.ZERO).build();
		broker.start();
		try (LoadGenerator generator = new LoadGenerator(new InetSocketAddress("127.0.0.1", broker.port()), 1)) {
			List<LoadClient> subscribers = generator.connectAll(10, (i) -> "tree-" + i, null, 10,
					Duration.ofSeconds(30));
			List<CompletableFuture<Void>> subscribed = new ArrayList<>();
			for (int s = 0; s < subscribers.size(); s++) {
				List<String> own = new ArrayList<>();
				for (int f = s * 100; f < (s + 1) * 100; f++) {
					own.add(Scenarios.treeFilter(f));
				}
				subscribed.add(subscribers.get(s).subscribe(own, 0));
			}
			CompletableFuture.allOf(subscribed.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
			LoadClient client = generator.connect("tree-pub", null).get(30, TimeUnit.SECONDS);
			SplittableRandom random = new SplittableRandom(7);
			// Topics within the subscribed part of the tree, so that many of them match.
			Publisher publisher = new Publisher(client,
					(n) -> "tree/" + random.nextInt(100) + "/" + random.nextInt(10) + "/" + random.nextInt(10),
					(topic) -> Scenarios.treeMatches(topic, filters), 0, 16, 1000);
			generator.publish(List.of(publisher), Duration.ofMillis(400)).get(30, TimeUnit.SECONDS);

			await().atMost(Duration.ofSeconds(30)).until(() -> {
				LoadSnapshot now = generator.snapshot();
				return now.received() >= now.expected();
			});
			LoadSnapshot drained = generator.snapshot();
			assertThat(drained.expected()).isPositive().isLessThan(drained.sent());
			// Nothing the expectation did not count arrives either.
			assertThat(generator.snapshot().received()).isEqualTo(drained.expected());
		}
		finally {
			broker.stop();
		}
	}

}
