package dev.mqttstack.admin.acl;

import java.util.Map;

import org.springframework.http.HttpStatus;

import dev.mqttstack.admin.web.ApiException;
import dev.mqttstack.admin.web.ProblemTypes;

/** Error for a rule whose subject, topic and action another rule already has. */
public class AclRuleExistsException extends ApiException {

	public AclRuleExistsException(long existingId) {
		super(HttpStatus.CONFLICT, ProblemTypes.ACL_RULE_EXISTS, "ACL rule already exists",
				"ACL rule " + existingId + " already has this username, clientId, topic and action",
				Map.of("existingId", existingId));
	}

}
