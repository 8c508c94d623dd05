/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.support;

/**
 * MQTT topic filter matching, including the {@code $share/<group>/} prefix of shared
 * subscriptions.
 */
public final class TopicFilters {

	private static final String SHARE_PREFIX = "$share/";

	private TopicFilters() {
	}

	/**
	 * Return the filter without a shared-subscription prefix.
	 * @param filter the filter, possibly {@code $share/<group>/<filter>}
	 * @return the plain filter
	 */
	public static String withoutShare(String filter) {
		if (filter.startsWith(SHARE_PREFIX)) {
			int groupEnd = filter.indexOf('/', SHARE_PREFIX.length());
			if (groupEnd > 0) {
				return filter.substring(groupEnd + 1);
			}
		}
		return filter;
	}

	/**
	 * Whether a topic matches a filter with {@code +} and {@code #} wildcards.
	 * @param filter the filter, possibly shared
	 * @param topic the topic name
	 * @return {@code true} on a match
	 */
	public static boolean matches(String filter, String topic) {
		String[] filterLevels = withoutShare(filter).split("/", -1);
		String[] topicLevels = topic.split("/", -1);
		if (topic.startsWith("$") && (filterLevels[0].equals("+") || filterLevels[0].equals("#"))) {
			return false;
		}
		for (int i = 0; i < filterLevels.length; i++) {
			if (filterLevels[i].equals("#")) {
				return true;
			}
			if (i >= topicLevels.length || !(filterLevels[i].equals("+") || filterLevels[i].equals(topicLevels[i]))) {
				return false;
			}
		}
		return filterLevels.length == topicLevels.length;
	}

}
