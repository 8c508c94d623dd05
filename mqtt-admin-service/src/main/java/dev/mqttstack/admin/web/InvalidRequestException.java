package dev.mqttstack.admin.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/** Error for a request whose fields fail a check beyond bean validation. */
public class InvalidRequestException extends ApiException {

	public InvalidRequestException(String field, String message) {
		super(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request", field + ": " + message,
				Map.of("errors", List.of(new FieldError(field, message))));
	}

}
