package dev.mqttstack.admin.user;

import java.time.OffsetDateTime;

/**
 * A stored MQTT user: who may connect, with what password hash, and whether they are a
 * superuser.
 *
 * @param username the user name clients send in CONNECT
 * @param passwordHash the mosquitto-format hash ({@code $7$} or {@code $6$})
 * @param superuser whether the ACL rules are bypassed
 * @param enabled whether the user may connect
 * @param createdAt when the user was created
 * @param updatedAt when the user was last changed
 */
public record MqttUser(String username, String passwordHash, boolean superuser, boolean enabled,
		OffsetDateTime createdAt, OffsetDateTime updatedAt) {

}
