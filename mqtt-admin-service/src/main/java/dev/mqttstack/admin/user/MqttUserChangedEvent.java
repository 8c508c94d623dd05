package dev.mqttstack.admin.user;

/**
 * Event published when a user's credentials or rights change; after the transaction
 * commits, cached logins are forgotten and, when asked, connected clients are
 * disconnected.
 *
 * @param username the user
 * @param disconnectClients whether the user's connected clients must reconnect
 */
public record MqttUserChangedEvent(String username, boolean disconnectClients) {

}
