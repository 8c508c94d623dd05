package dev.mqttstack.bench.report;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Markdown tables with each broker's ratio to Mosquitto. */
class ScenarioResultTests {

	@Test
	void ratioColumnsDivideByMosquittosValue() {
		ScenarioResult result = new ScenarioResult("Fan-out", "5 → 500.",
				List.of(Column.withRatio("delivered", "delivered msg/s", 0), Column.of("p99", "p99 ms", 1)));
		result.add("ours", Map.of("delivered", 300_000.0, "p99", 2.5));
		result.add("mosquitto", Map.of("delivered", 100_000.0, "p99", 4.0));
		result.failed("hivemq-ce", "did not start");

		String markdown = result.toMarkdown();

		assertThat(markdown).contains("### Fan-out")
			.contains("| broker | delivered msg/s | × mosquitto | p99 ms |")
			.contains("| ours | 300,000 | 3.00× | 2.5 |")
			.contains("| mosquitto | 100,000 | 1.00× | 4.0 |")
			.contains("hivemq-ce failed: did not start");
	}

	@Test
	void withoutMosquittoTheRatioIsADash() {
		ScenarioResult result = new ScenarioResult("Idle", "", List.of(Column.withRatio("kib", "KiB", 1)));
		result.add("ours", Map.of("kib", 2.0));

		assertThat(result.toMarkdown()).contains("| ours | 2.0 | – |");
	}

}
