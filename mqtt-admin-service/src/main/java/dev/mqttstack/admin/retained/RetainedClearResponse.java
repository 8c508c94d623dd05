package dev.mqttstack.admin.retained;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What clearing retained messages by filter did.
 *
 * @param topicFilter the filter
 * @param removed how many retained messages were cleared
 * @param topics the topics cleared, sorted
 */
public record RetainedClearResponse(@Schema(example = "sensors/#") String topicFilter, int removed,
		List<String> topics) {

}
