package dev.mqttstack.admin.user;

import org.springframework.http.HttpStatus;

import dev.mqttstack.admin.web.ApiException;
import dev.mqttstack.admin.web.ProblemTypes;

/** Error for a user name that is not stored. */
public class UserNotFoundException extends ApiException {

	public UserNotFoundException(String username) {
		super(HttpStatus.NOT_FOUND, ProblemTypes.USER_NOT_FOUND, "User not found",
				"No MQTT user is named '" + username + "'");
	}

}
