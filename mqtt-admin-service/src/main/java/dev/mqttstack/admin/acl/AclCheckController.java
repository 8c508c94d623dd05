package dev.mqttstack.admin.acl;

import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.mqttstack.admin.user.MqttUser;
import dev.mqttstack.admin.user.MqttUserRepository;
import dev.mqttstack.admin.web.InvalidRequestException;
import dev.mqttstack.broker.subscription.TopicFilter;

/**
 * REST endpoint that explains an ACL decision, as the broker would take it, at
 * {@code /api/v1/acl/check}.
 */
@RestController
public class AclCheckController {

	private final AclAuthorizer authorizer;

	private final MqttUserRepository users;

	public AclCheckController(AclAuthorizer authorizer, MqttUserRepository users) {
		this.authorizer = authorizer;
		this.users = users;
	}

	@PostMapping("/api/v1/acl/check")
	AclCheckResponse check(@Valid @RequestBody AclCheckRequest request) {
		AclOperation operation = AclOperation.of(request.action());
		boolean valid = (operation == AclOperation.SUBSCRIBE) ? TopicFilter.isValidFilter(request.topic())
				: TopicFilter.isValidTopicName(request.topic());
		if (!valid) {
			throw new InvalidRequestException("topic", (operation == AclOperation.SUBSCRIBE)
					? "must be a valid topic filter" : "must be a valid topic name");
		}
		boolean superuser = request.username() != null
				&& this.users.find(request.username()).filter(MqttUser::enabled).map(MqttUser::superuser).orElse(false);
		AclDecision decision = this.authorizer.decide(request.username(), request.clientId(), superuser, operation,
				request.topic());
		return new AclCheckResponse(decision.permission().value(), AclRuleResponse.of(decision.matchedRule()),
				decision.reason());
	}

}
