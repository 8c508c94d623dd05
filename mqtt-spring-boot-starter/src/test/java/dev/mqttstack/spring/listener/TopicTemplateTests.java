/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.listener;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TopicTemplate}.
 */
class TopicTemplateTests {

	@Test
	void namedSegmentsAreSubscribedAsSingleLevelWildcards() {
		assertThat(TopicTemplate.parse("sensors/{deviceId}/telemetry").getFilter()).isEqualTo("sensors/+/telemetry");
	}

	@Test
	void matchingTopicBindsVariables() {
		assertThat(TopicTemplate.parse("sites/{site}/sensors/{deviceId}/#").match("sites/lyon/sensors/d1/a/b"))
			.containsEntry("site", "lyon")
			.containsEntry("deviceId", "d1");
	}

	@Test
	void otherTopicDoesNotMatch() {
		TopicTemplate template = TopicTemplate.parse("sensors/{deviceId}/telemetry");
		assertThat(template.match("sensors/d1/status")).isNull();
		assertThat(template.match("sensors/d1/telemetry/extra")).isNull();
	}

	@Test
	void plainFilterHasNoVariables() {
		TopicTemplate template = TopicTemplate.parse("a/+/c");
		assertThat(template.hasVariables()).isFalse();
		assertThat(template.match("a/b/c")).isEmpty();
	}

}
