package dev.mqttstack.broker.cluster;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.mqttstack.broker.message.Message;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTableTests {

	private final RouteTable table = new RouteTable("a");

	@Test
	void messageGoesOnceToEachOtherNodeWithAMatchingFilter() {
		this.table.update("b", "sensors/+/temp", 3);
		this.table.update("b", "sensors/#", 1);
		this.table.update("c", "other/#", 1);
		this.table.update("a", "sensors/#", 1);

		RoutePlan plan = this.table.plan(Message.of("sensors/1/temp", "21", 1, false));

		assertThat(plan.remote()).containsOnlyKeys("b");
		assertThat(plan.remote().get("b").direct()).isTrue();
		assertThat(plan.local()).isSameAs(LocalShare.ALL);
	}

	@Test
	void routeWithCountZeroAndRoutesOfALeftNodeAreGone() {
		this.table.update("b", "x/#", 2);
		this.table.update("c", "x/#", 1);
		this.table.update("b", "x/#", 0);
		this.table.removeNode("c");

		assertThat(this.table.plan(Message.of("x/1", "p", 0, false))).isSameAs(RoutePlan.LOCAL_ONLY);
		assertThat(this.table.routes("b")).isEmpty();
	}

	@Test
	void routeTableHoldsAFilterWithItsCount() {
		this.table.update("b", "x/#", 1);
		this.table.update("b", "x/#", 5);

		assertThat(this.table.routes("b")).containsExactly(Map.entry("x/#", 5));
	}

	@Test
	void sharedGroupSpanningNodesIsServedByOneNodePerMessageInTurn() {
		this.table.update("a", "$share/g/jobs/#", 1);
		this.table.update("b", "$share/g/jobs/#", 1);
		this.table.update("c", "$share/g/jobs/#", 1);
		Map<String, Integer> served = new HashMap<>();

		for (int i = 0; i < 300; i++) {
			RoutePlan plan = this.table.plan(Message.of("jobs/" + i, "p", 1, false));
			int servers = 0;
			if (plan.local().serves("$share/g/jobs/#")) {
				served.merge("a", 1, Integer::sum);
				servers++;
			}
			for (Map.Entry<String, Forwarded> remote : plan.remote().entrySet()) {
				assertThat(remote.getValue().direct()).isFalse();
				assertThat(remote.getValue().shares()).containsExactly("$share/g/jobs/#");
				served.merge(remote.getKey(), 1, Integer::sum);
				servers++;
			}
			assertThat(servers).as("nodes serving message %d", i).isEqualTo(1);
		}
		assertThat(served).containsOnly(Map.entry("a", 100), Map.entry("b", 100), Map.entry("c", 100));
	}

	@Test
	void nodeWithOrdinaryAndSharedRoutesGetsOneMessageNamingBoth() {
		this.table.update("b", "$share/g/t", 1);
		this.table.update("b", "t", 1);

		RoutePlan plan = this.table.plan(Message.of("t", "p", 2, true));

		assertThat(plan.remote()).containsOnlyKeys("b");
		assertThat(plan.remote().get("b").direct()).isTrue();
		assertThat(plan.remote().get("b").shares()).isEqualTo(Set.of("$share/g/t"));
		assertThat(plan.local().serves("$share/g/t")).isFalse();
	}

}
