package dev.mqttstack.admin.session;

import org.springframework.http.HttpStatus;

import dev.mqttstack.admin.web.ApiException;
import dev.mqttstack.admin.web.ProblemTypes;

/** Error for a disconnect of a session whose client is offline. */
public class ClientNotConnectedException extends ApiException {

	public ClientNotConnectedException(String clientId) {
		super(HttpStatus.CONFLICT, ProblemTypes.CLIENT_NOT_CONNECTED, "Client not connected",
				"The session of client id '" + clientId + "' has no connected client");
	}

}
