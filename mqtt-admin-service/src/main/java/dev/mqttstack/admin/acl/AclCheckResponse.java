package dev.mqttstack.admin.acl;

/**
 * The explanation of an ACL decision.
 *
 * @param permission {@code allow} or {@code deny}
 * @param matchedRule the rule that decided, or {@code null}
 * @param reason {@code superuser}, {@code rule} or {@code no-match}
 */
public record AclCheckResponse(String permission, AclRuleResponse matchedRule, String reason) {

}
