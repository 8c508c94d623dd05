package dev.mqttstack.admin.security;

import java.time.OffsetDateTime;

/**
 * A stored operator of the admin API, separate from MQTT users.
 *
 * @param username the login name
 * @param passwordHash the hash from Spring's delegating password encoder
 * @param role what the account may do
 * @param enabled whether it may log in
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 */
public record AdminAccount(String username, String passwordHash, AdminRole role, boolean enabled,
		OffsetDateTime createdAt, OffsetDateTime updatedAt) {

}
