package dev.mqttstack.admin.security;

import org.springframework.http.HttpStatus;

import dev.mqttstack.admin.web.ApiException;
import dev.mqttstack.admin.web.ProblemTypes;

/** Errors of the admin account endpoints. */
final class AdminExceptions {

	private AdminExceptions() {
	}

	/** Error for an admin account that is not stored. */
	static class AdminNotFoundException extends ApiException {

		AdminNotFoundException(String username) {
			super(HttpStatus.NOT_FOUND, ProblemTypes.ADMIN_NOT_FOUND, "Admin account not found",
					"No admin account is named '" + username + "'");
		}

	}

	/** Error for creating an admin account whose name is taken. */
	static class AdminExistsException extends ApiException {

		AdminExistsException(String username) {
			super(HttpStatus.CONFLICT, ProblemTypes.ADMIN_EXISTS, "Admin account already exists",
					"An admin account named '" + username + "' already exists");
		}

	}

	/** Error for removing, disabling or demoting the last enabled ADMIN. */
	static class LastAdminException extends ApiException {

		LastAdminException(String username) {
			super(HttpStatus.CONFLICT, ProblemTypes.LAST_ADMIN, "Last admin",
					"'" + username + "' is the last enabled ADMIN account and must stay one");
		}

	}

}
