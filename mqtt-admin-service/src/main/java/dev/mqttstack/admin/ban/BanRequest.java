package dev.mqttstack.admin.ban;

import java.time.Instant;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.mqttstack.admin.web.Utf8Size;

/**
 * Body of {@code POST /api/v1/banned}.
 *
 * @param kind {@code CLIENT_ID}, {@code USERNAME} or {@code ADDRESS}
 * @param value the client identifier or user name, exactly; for {@code ADDRESS} an IP
 * address or CIDR block, IPv4 or IPv6
 * @param expiresAt when the ban stops applying (ISO 8601 instant, in the future), or
 * {@code null} for never
 * @param reason why, for operators; at most 1,000 characters
 */
public record BanRequest(@NotNull BanKind kind, @NotEmpty @Utf8Size String value, Instant expiresAt,
		@Size(max = 1000) String reason) {

}
