package dev.mqttstack.admin.acl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.mqttstack.broker.subscription.TopicFilter;

/**
 * Immutable, in-memory snapshot of the ACL rules that decides operations without touching
 * the database: the applicable rules are taken by priority (highest first), deny before
 * allow at equal priority, and the first whose topic matches decides.
 */
final class AclRuleSet {

	/** Priority descending, deny before allow, then oldest first. */
	static final Comparator<AclRule> ORDER = Comparator.comparingInt(AclRule::priority)
		.reversed()
		.thenComparing((rule) -> rule.permission() != AclPermission.DENY)
		.thenComparingLong(AclRule::id);

	static final AclRuleSet EMPTY = new AclRuleSet(List.of());

	private final List<Compiled> anyUser;

	private final Map<String, List<Compiled>> byUser;

	AclRuleSet(List<AclRule> rules) {
		List<Compiled> anyUser = new ArrayList<>();
		Map<String, List<Compiled>> byUser = new HashMap<>();
		rules.stream().sorted(ORDER).map(Compiled::new).forEach((compiled) -> {
			if (compiled.rule.username() == null) {
				anyUser.add(compiled);
			}
			else {
				byUser.computeIfAbsent(compiled.rule.username(), (u) -> new ArrayList<>()).add(compiled);
			}
		});
		this.anyUser = List.copyOf(anyUser);
		this.byUser = Map.copyOf(byUser);
	}

	/**
	 * Decides one operation of a non-superuser.
	 * @param username the client's user name, or {@code null}
	 * @param clientId the client identifier
	 * @param operation what is asked for
	 * @param topic a topic name (publish, receive) or filter (subscribe)
	 * @return the deciding rule, or {@code null} when none matches
	 */
	AclRule firstMatch(String username, String clientId, AclOperation operation, String topic) {
		String[] levels = TopicFilter.levels(topic);
		List<Compiled> own = (username != null) ? this.byUser.getOrDefault(username, List.of()) : List.of();
		int i = 0;
		int j = 0;
		while (i < own.size() || j < this.anyUser.size()) {
			Compiled next;
			if (j >= this.anyUser.size()
					|| (i < own.size() && ORDER.compare(own.get(i).rule, this.anyUser.get(j).rule) <= 0)) {
				next = own.get(i++);
			}
			else {
				next = this.anyUser.get(j++);
			}
			if (next.matches(username, clientId, operation, levels)) {
				return next.rule;
			}
		}
		return null;
	}

	private static final class Compiled {

		private final AclRule rule;

		private final AclTopicPattern pattern;

		Compiled(AclRule rule) {
			this.rule = rule;
			this.pattern = new AclTopicPattern(rule.topic());
		}

		boolean matches(String username, String clientId, AclOperation operation, String[] topic) {
			if (!this.rule.action().governs(operation)
					|| (this.rule.clientId() != null && !this.rule.clientId().equals(clientId))) {
				return false;
			}
			String[] filter = this.pattern.resolve(username, clientId);
			if (filter == null) {
				return false;
			}
			return (operation == AclOperation.SUBSCRIBE) ? AclTopicPattern.covers(filter, topic)
					: AclTopicPattern.matchesTopic(filter, topic);
		}

	}

}
