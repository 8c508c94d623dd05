package dev.mqttstack.admin.user;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.mqttstack.admin.web.Utf8Size;

/**
 * Body of {@code POST /api/v1/users}.
 *
 * @param username 1 to 256 characters: letters and digits of any script and
 * {@code . _ - @ : ~}
 * @param password the password, not empty, at most 65,535 bytes of UTF-8 (an MQTT string)
 * @param superuser whether the ACL rules are bypassed; default {@code false}
 * @param enabled whether the user may connect; default {@code true}
 */
public record CreateUserRequest(
		@NotEmpty @Size(max = 256) @Pattern(regexp = UsernameRules.PATTERN,
				message = UsernameRules.MESSAGE) String username,
		@NotEmpty @Utf8Size String password, Boolean superuser, Boolean enabled) {

}
