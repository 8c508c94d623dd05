package dev.mqttstack.broker.mosquitto;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.security.Authorizer;
import dev.mqttstack.broker.subscription.TopicFilter;

/**
 * Authorizer with mosquitto's {@code acl_file} semantics: a client may do what the
 * {@code topic} rules of its user (anonymous clients: the rules before any {@code user}
 * line) and the {@code pattern} rules allow, and nothing else; a matching {@code deny}
 * rule wins over every allowing one. {@code read} lets a client subscribe to filters
 * within the rule's filter and receive on matching topics, {@code write} lets it publish.
 * A pattern with {@code %u} does not apply to a client without a user name, and a pattern
 * does not apply when the user name or client identifier it inserts holds {@code /},
 * {@code +} or {@code #}.
 */
public final class AclFileAuthorizer implements Authorizer {

	private final Map<String, List<AclFileRule>> userRules = new HashMap<>();

	private final List<AclFileRule> anonymousRules = new ArrayList<>();

	private final List<AclFileRule> patterns = new ArrayList<>();

	/**
	 * Creates an authorizer from the rules of a file.
	 * @param file the parsed acl_file
	 */
	public AclFileAuthorizer(AclFile file) {
		for (AclFileRule rule : file.rules()) {
			if (rule.pattern()) {
				this.patterns.add(rule);
			}
			else if (rule.username() == null) {
				this.anonymousRules.add(rule);
			}
			else {
				this.userRules.computeIfAbsent(rule.username(), (user) -> new ArrayList<>()).add(rule);
			}
		}
	}

	@Override
	public boolean canPublish(ClientInfo client, String topic, int qos, boolean retain) {
		return allowed(client, topic, false, AclAccess::writes);
	}

	@Override
	public boolean canSubscribe(ClientInfo client, String topicFilter, int qos) {
		return allowed(client, topicFilter, true, AclAccess::reads);
	}

	@Override
	public boolean canReceive(ClientInfo client, String topic) {
		return allowed(client, topic, false, AclAccess::reads);
	}

	private boolean allowed(ClientInfo client, String topic, boolean subscription, Predicate<AclAccess> grants) {
		List<AclFileRule> own = (client.username() != null) ? this.userRules.getOrDefault(client.username(), List.of())
				: this.anonymousRules;
		boolean granted = false;
		for (AclFileRule rule : own) {
			if (covers(rule.topic(), topic, subscription)) {
				if (rule.access() == AclAccess.DENY) {
					return false;
				}
				granted |= grants.test(rule.access());
			}
		}
		for (AclFileRule rule : this.patterns) {
			if (applies(rule, client)
					&& covers(rule.topicFor(client.username(), client.clientId()), topic, subscription)) {
				if (rule.access() == AclAccess.DENY) {
					return false;
				}
				granted |= grants.test(rule.access());
			}
		}
		return granted;
	}

	private static boolean applies(AclFileRule pattern, ClientInfo client) {
		if (pattern.uses(AclFileRule.USERNAME) && !isLevel(client.username())) {
			return false;
		}
		return !pattern.uses(AclFileRule.CLIENT_ID) || isLevel(client.clientId());
	}

	private static boolean isLevel(String value) {
		return value != null && !value.isEmpty() && value.indexOf('/') < 0 && value.indexOf('+') < 0
				&& value.indexOf('#') < 0;
	}

	/**
	 * Whether a rule's filter covers a topic, or for a subscription every topic the
	 * subscribed filter can match.
	 */
	static boolean covers(String ruleFilter, String topic, boolean subscription) {
		String[] rule = TopicFilter.levels(ruleFilter);
		String[] asked = TopicFilter.levels(topic);
		if (asked[0].startsWith("$") && (rule[0].equals("+") || rule[0].equals("#"))) {
			return false;
		}
		for (int i = 0; i < rule.length; i++) {
			if (rule[i].equals("#")) {
				return true;
			}
			if (i >= asked.length) {
				return false;
			}
			if (rule[i].equals("+")) {
				if (subscription && asked[i].equals("#")) {
					return false;
				}
			}
			else if (!rule[i].equals(asked[i])) {
				return false;
			}
		}
		return rule.length == asked.length;
	}

}
