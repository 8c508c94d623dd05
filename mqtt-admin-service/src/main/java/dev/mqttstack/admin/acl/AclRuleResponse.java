package dev.mqttstack.admin.acl;

/**
 * An ACL rule as the API shows it.
 *
 * @param id the identifier
 * @param username the user it applies to, or {@code null} for any
 * @param clientId the client identifier it applies to, or {@code null} for any
 * @param topic the topic filter
 * @param action {@code publish}, {@code subscribe} or {@code all}
 * @param permission {@code allow} or {@code deny}
 * @param priority higher is considered first
 */
public record AclRuleResponse(long id, String username, String clientId, String topic, String action, String permission,
		int priority) {

	static AclRuleResponse of(AclRule rule) {
		return (rule != null) ? new AclRuleResponse(rule.id(), rule.username(), rule.clientId(), rule.topic(),
				rule.action().value(), rule.permission().value(), rule.priority()) : null;
	}

}
