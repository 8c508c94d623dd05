package dev.mqttstack.bench.broker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** CPU time and resident memory read from /proc. */
class ProcStatsTests {

	@Test
	void readsThisProcess() {
		long pid = ProcessHandle.current().pid();
		assertThat(ProcStats.rssKib(pid)).isPositive();
		assertThat(ProcStats.cpuSeconds(pid)).isPositive();
	}

	@Test
	void aMissingProcessReadsAsZero() {
		assertThat(ProcStats.rssKib(Integer.MAX_VALUE)).isZero();
		assertThat(ProcStats.cpuSeconds(Integer.MAX_VALUE)).isZero();
	}

}
