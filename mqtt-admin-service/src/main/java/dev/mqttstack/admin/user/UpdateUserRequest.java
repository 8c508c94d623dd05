package dev.mqttstack.admin.user;

import jakarta.validation.constraints.Size;

import dev.mqttstack.admin.web.Utf8Size;

/**
 * Body of {@code PATCH /api/v1/users/{username}}: only the fields present change.
 *
 * @param password a new password, not empty, at most 65,535 bytes of UTF-8
 * @param superuser whether the ACL rules are bypassed
 * @param enabled whether the user may connect
 */
public record UpdateUserRequest(@Size(min = 1, message = "must not be empty") @Utf8Size String password,
		Boolean superuser, Boolean enabled) {

}
