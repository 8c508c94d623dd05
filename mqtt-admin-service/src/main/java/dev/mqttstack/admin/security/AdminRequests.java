package dev.mqttstack.admin.security;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Bodies of the {@code /api/v1/admins} endpoints. */
public final class AdminRequests {

	private AdminRequests() {
	}

	/**
	 * Body of {@code POST /api/v1/admins}.
	 *
	 * @param username letters, digits, {@code . _ @ -}; up to 64
	 * @param password at least 8 characters
	 * @param role {@code ADMIN} or {@code VIEWER}
	 */
	public record Create(
			@NotEmpty @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._@-]*",
					message = "may hold letters, digits and . _ @ - only") String username,
			@NotEmpty @Size(min = 8, max = 256) String password, @NotNull AdminRole role) {

	}

	/**
	 * Body of {@code PATCH /api/v1/admins/{username}}: only the fields present change.
	 *
	 * @param password a new password, at least 8 characters
	 * @param role a new role
	 * @param enabled whether the account may log in
	 */
	public record Update(@Size(min = 8, max = 256) String password, AdminRole role, Boolean enabled) {

	}

	/**
	 * An admin account after a change, for the audit log: whether its password changed,
	 * never the password or its hash.
	 *
	 * @param account the account as the API shows it
	 * @param passwordChanged whether the change set a new password
	 */
	public record AuditedChange(View account, boolean passwordChanged) {

	}

	/**
	 * An admin account as the API shows it, without its hash.
	 *
	 * @param username the login name
	 * @param role the role
	 * @param enabled whether it may log in
	 */
	public record View(String username, AdminRole role, boolean enabled) {

		static View of(AdminAccount account) {
			return new View(account.username(), account.role(), account.enabled());
		}

	}

}
