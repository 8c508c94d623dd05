package dev.mqttstack.admin.acl;

/**
 * The outcome of an ACL check and why.
 *
 * @param permission allow or deny
 * @param matchedRule the rule that decided, or {@code null}
 * @param reason {@code superuser}, {@code rule} or {@code no-match}
 */
public record AclDecision(AclPermission permission, AclRule matchedRule, String reason) {

	static AclDecision superuser() {
		return new AclDecision(AclPermission.ALLOW, null, "superuser");
	}

	static AclDecision rule(AclRule rule) {
		return new AclDecision(rule.permission(), rule, "rule");
	}

	static AclDecision noMatch(AclPermission permission) {
		return new AclDecision(permission, null, "no-match");
	}

	public boolean allowed() {
		return this.permission == AclPermission.ALLOW;
	}

}
