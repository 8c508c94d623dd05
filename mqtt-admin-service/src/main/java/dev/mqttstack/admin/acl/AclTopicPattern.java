package dev.mqttstack.admin.acl;

import dev.mqttstack.broker.subscription.TopicFilter;

/**
 * A rule's topic filter, split into levels, whose {@code ${username}} and
 * {@code ${clientid}} levels are resolved per client; matches topic names (publish,
 * receive) and covers subscription filters (subscribe).
 */
final class AclTopicPattern {

	static final String USERNAME = "${username}";

	static final String CLIENT_ID = "${clientid}";

	private final String[] levels;

	private final boolean placeholders;

	AclTopicPattern(String topic) {
		this.levels = TopicFilter.levels(topic);
		boolean found = false;
		for (String level : this.levels) {
			found |= level.equals(USERNAME) || level.equals(CLIENT_ID);
		}
		this.placeholders = found;
	}

	/**
	 * Why a rule topic is invalid.
	 * @param topic the candidate
	 * @return the reason, or {@code null} when valid
	 */
	static String problem(String topic) {
		if (topic == null || topic.isEmpty()) {
			return "must not be empty";
		}
		for (String level : TopicFilter.levels(topic)) {
			boolean placeholder = level.equals(USERNAME) || level.equals(CLIENT_ID);
			if (!placeholder && level.contains("${")) {
				return "${username} and ${clientid} must stand for a whole level";
			}
		}
		return TopicFilter.isValidFilter(topic.replace(USERNAME, "x").replace(CLIENT_ID, "x")) ? null
				: "must be a valid MQTT topic filter";
	}

	/**
	 * The levels for one client.
	 * @return the levels, or {@code null} when a placeholder cannot be resolved (no user
	 * name, or a value holding {@code /}, {@code +} or {@code #})
	 */
	String[] resolve(String username, String clientId) {
		if (!this.placeholders) {
			return this.levels;
		}
		String[] resolved = this.levels.clone();
		for (int i = 0; i < resolved.length; i++) {
			boolean user = resolved[i].equals(USERNAME);
			if (!user && !resolved[i].equals(CLIENT_ID)) {
				continue;
			}
			String value = user ? username : clientId;
			if (value == null || value.isEmpty() || value.indexOf('/') >= 0 || TopicFilter.hasWildcard(value)) {
				return null;
			}
			resolved[i] = value;
		}
		return resolved;
	}

	/**
	 * Whether a filter matches a topic name; {@code $} topics need a literal first level.
	 */
	static boolean matchesTopic(String[] filter, String[] topic) {
		if (topic[0].startsWith("$") && isWildcard(filter[0])) {
			return false;
		}
		for (int i = 0; i < filter.length; i++) {
			if (filter[i].equals("#")) {
				return true;
			}
			if (i >= topic.length || (!filter[i].equals("+") && !filter[i].equals(topic[i]))) {
				return false;
			}
		}
		return filter.length == topic.length;
	}

	/**
	 * Whether a filter covers a subscription filter: every topic the subscription can
	 * match is matched by the filter.
	 */
	static boolean covers(String[] filter, String[] subscription) {
		if (subscription[0].startsWith("$") && isWildcard(filter[0])) {
			return false;
		}
		for (int i = 0; i < filter.length; i++) {
			String level = filter[i];
			if (level.equals("#")) {
				return true;
			}
			if (i >= subscription.length || subscription[i].equals("#")) {
				return false;
			}
			if (level.equals("+")) {
				continue;
			}
			if (!level.equals(subscription[i])) {
				return false;
			}
		}
		return filter.length == subscription.length;
	}

	private static boolean isWildcard(String level) {
		return level.equals("+") || level.equals("#");
	}

}
