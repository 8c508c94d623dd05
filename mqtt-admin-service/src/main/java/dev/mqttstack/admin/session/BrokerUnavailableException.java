package dev.mqttstack.admin.session;

import org.springframework.http.HttpStatus;

import dev.mqttstack.admin.web.ApiException;
import dev.mqttstack.admin.web.ProblemTypes;

/** Error for a session request the hosted broker cannot answer: stopped or too busy. */
public class BrokerUnavailableException extends ApiException {

	public BrokerUnavailableException(String detail) {
		super(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.BROKER_UNAVAILABLE, "Broker unavailable", detail);
	}

}
