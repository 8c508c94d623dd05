package dev.mqttstack.admin.user;

import org.springframework.http.HttpStatus;

import dev.mqttstack.admin.web.ApiException;
import dev.mqttstack.admin.web.ProblemTypes;

/** Error for creating a user whose name is taken. */
public class UserAlreadyExistsException extends ApiException {

	public UserAlreadyExistsException(String username) {
		super(HttpStatus.CONFLICT, ProblemTypes.USER_EXISTS, "User already exists",
				"An MQTT user named '" + username + "' already exists");
	}

}
