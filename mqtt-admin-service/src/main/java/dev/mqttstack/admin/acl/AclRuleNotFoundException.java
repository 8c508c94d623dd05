package dev.mqttstack.admin.acl;

import org.springframework.http.HttpStatus;

import dev.mqttstack.admin.web.ApiException;
import dev.mqttstack.admin.web.ProblemTypes;

/** Error for an ACL rule identifier that is not stored. */
public class AclRuleNotFoundException extends ApiException {

	public AclRuleNotFoundException(long id) {
		super(HttpStatus.NOT_FOUND, ProblemTypes.ACL_RULE_NOT_FOUND, "ACL rule not found", "No ACL rule has id " + id);
	}

}
