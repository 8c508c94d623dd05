package dev.mqttstack.admin.user;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/users}.
 *
 * @param username 1 to 256 characters, without {@code +}, {@code #}, {@code /} or control
 * characters
 * @param password the password, not empty
 * @param superuser whether the ACL rules are bypassed; default {@code false}
 * @param enabled whether the user may connect; default {@code true}
 */
public record CreateUserRequest(
		@NotEmpty @Size(max = 256) @Pattern(regexp = UsernameRules.PATTERN,
				message = UsernameRules.MESSAGE) String username,
		@NotEmpty String password, Boolean superuser, Boolean enabled) {

}
