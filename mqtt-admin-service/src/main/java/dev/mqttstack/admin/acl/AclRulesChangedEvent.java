package dev.mqttstack.admin.acl;

/** Event published when ACL rules change; the snapshot is reloaded once committed. */
public record AclRulesChangedEvent() {

}
