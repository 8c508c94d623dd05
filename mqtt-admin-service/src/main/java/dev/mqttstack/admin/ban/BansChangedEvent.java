package dev.mqttstack.admin.ban;

/**
 * Published when a ban was created or deleted; once committed the ban list reloads.
 *
 * @param created the ban created, or {@code null} when one was deleted
 */
record BansChangedEvent(Ban created) {

}
