package dev.mqttstack.admin.ban;

import java.time.Instant;

/**
 * A stored ban.
 *
 * @param id its identifier
 * @param kind what it matches by
 * @param value the client identifier, user name or address block (canonical form)
 * @param reason why, or {@code null}
 * @param expiresAt when it stops applying, or {@code null} for never
 * @param createdAt when it was made
 * @param createdBy the admin who made it
 */
public record Ban(long id, BanKind kind, String value, String reason, Instant expiresAt, Instant createdAt,
		String createdBy) {

	/**
	 * Whether the ban applies at an instant.
	 * @param now the instant
	 * @return {@code true} until it expires
	 */
	public boolean isActive(Instant now) {
		return this.expiresAt == null || now.isBefore(this.expiresAt);
	}

}
