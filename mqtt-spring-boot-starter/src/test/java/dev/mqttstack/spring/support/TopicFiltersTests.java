/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TopicFilters}.
 */
class TopicFiltersTests {

	@Test
	void wildcardsMatchLevels() {
		assertThat(TopicFilters.matches("a/+/c", "a/b/c")).isTrue();
		assertThat(TopicFilters.matches("a/#", "a")).isTrue();
		assertThat(TopicFilters.matches("a/#", "a/b/c")).isTrue();
		assertThat(TopicFilters.matches("a/+", "a/b/c")).isFalse();
		assertThat(TopicFilters.matches("a/b", "a/c")).isFalse();
	}

	@Test
	void sharedPrefixIsIgnored() {
		assertThat(TopicFilters.withoutShare("$share/g/a/+")).isEqualTo("a/+");
		assertThat(TopicFilters.matches("$share/g/a/+", "a/b")).isTrue();
	}

	@Test
	void wildcardsDoNotMatchDollarTopics() {
		assertThat(TopicFilters.matches("#", "$SYS/uptime")).isFalse();
		assertThat(TopicFilters.matches("$SYS/#", "$SYS/uptime")).isTrue();
	}

}
