package dev.mqttstack.admin.acl;

/**
 * A stored ACL rule: who it applies to (a user name, a client identifier, both or every
 * client), the topic filter, the action, the permission and its priority.
 *
 * @param id the identifier
 * @param username the user it applies to, or {@code null} for any
 * @param clientId the client identifier it applies to, or {@code null} for any
 * @param topic the topic filter; {@code ${username}} and {@code ${clientid}} may stand
 * for whole levels
 * @param action what it governs
 * @param permission what it decides
 * @param priority higher priorities are considered first
 */
public record AclRule(long id, String username, String clientId, String topic, AclAction action,
		AclPermission permission, int priority) {

}
