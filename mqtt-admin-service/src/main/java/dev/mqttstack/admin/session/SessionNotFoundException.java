package dev.mqttstack.admin.session;

import org.springframework.http.HttpStatus;

import dev.mqttstack.admin.web.ApiException;
import dev.mqttstack.admin.web.ProblemTypes;

/** Error for a client identifier the broker holds no session for. */
public class SessionNotFoundException extends ApiException {

	public SessionNotFoundException(String clientId) {
		super(HttpStatus.NOT_FOUND, ProblemTypes.SESSION_NOT_FOUND, "Session not found",
				"The broker holds no session for client id '" + clientId + "'");
	}

}
