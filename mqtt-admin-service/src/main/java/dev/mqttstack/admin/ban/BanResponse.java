package dev.mqttstack.admin.ban;

import java.time.Instant;

/**
 * A ban as the API shows it.
 *
 * @param id its identifier
 * @param kind what it matches by
 * @param value the client identifier, user name or address block
 * @param reason why, or {@code null}
 * @param expiresAt when it stops applying, or {@code null} for never
 * @param active whether it applies now (expired bans stay listed until deleted)
 * @param createdAt when it was made
 * @param createdBy the admin who made it
 */
public record BanResponse(long id, BanKind kind, String value, String reason, Instant expiresAt, boolean active,
		Instant createdAt, String createdBy) {

	static BanResponse of(Ban ban, Instant now) {
		return new BanResponse(ban.id(), ban.kind(), ban.value(), ban.reason(), ban.expiresAt(), ban.isActive(now),
				ban.createdAt(), ban.createdBy());
	}

}
