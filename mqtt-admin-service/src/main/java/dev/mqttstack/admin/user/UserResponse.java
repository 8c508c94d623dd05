package dev.mqttstack.admin.user;

import java.time.OffsetDateTime;

/**
 * A user as the API shows it: never with a password or hash.
 *
 * @param username the user name
 * @param superuser whether the ACL rules are bypassed
 * @param enabled whether the user may connect
 * @param createdAt when the user was created
 * @param updatedAt when the user was last changed
 */
public record UserResponse(String username, boolean superuser, boolean enabled, OffsetDateTime createdAt,
		OffsetDateTime updatedAt) {

	static UserResponse of(MqttUser user) {
		return new UserResponse(user.username(), user.superuser(), user.enabled(), user.createdAt(), user.updatedAt());
	}

	/**
	 * A user's state after a change, for the audit log: whether the password changed,
	 * never the password or its hash.
	 *
	 * @param username the user name
	 * @param superuser whether the ACL rules are bypassed
	 * @param enabled whether the user may connect
	 * @param passwordChanged whether the change set a new password or hash
	 */
	record Audited(String username, boolean superuser, boolean enabled, boolean passwordChanged) {

		static Audited of(MqttUser user, boolean passwordChanged) {
			return new Audited(user.username(), user.superuser(), user.enabled(), passwordChanged);
		}

	}

}
