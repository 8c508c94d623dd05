package dev.mqttstack.admin.ban;

import org.springframework.http.HttpStatus;

import dev.mqttstack.admin.web.ApiException;
import dev.mqttstack.admin.web.ProblemTypes;

/** Error for a ban identifier that is not stored. */
public class BanNotFoundException extends ApiException {

	public BanNotFoundException(long id) {
		super(HttpStatus.NOT_FOUND, ProblemTypes.of("ban-not-found"), "Ban not found", "No ban has id " + id);
	}

}
