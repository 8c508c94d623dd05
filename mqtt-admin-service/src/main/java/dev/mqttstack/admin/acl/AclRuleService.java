package dev.mqttstack.admin.acl;

import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.mqttstack.admin.web.InvalidRequestException;

/**
 * Service that manages ACL rules; every change reloads the authorizer's snapshot once
 * committed, so it applies to the next operation of connected clients.
 */
@Service
public class AclRuleService {

	private final AclRuleRepository rules;

	private final ApplicationEventPublisher events;

	public AclRuleService(AclRuleRepository rules, ApplicationEventPublisher events) {
		this.rules = rules;
		this.events = events;
	}

	@Transactional(readOnly = true)
	public List<AclRule> list(String username) {
		return (username != null) ? this.rules.findByUsername(username) : this.rules.findAll();
	}

	@Transactional(readOnly = true)
	public AclRule get(long id) {
		return this.rules.find(id).orElseThrow(() -> new AclRuleNotFoundException(id));
	}

	@Transactional
	public AclRule create(AclRuleRequest request) {
		AclRule rule = validate(request).toRule(0);
		this.rules.findSame(rule).ifPresent((existing) -> {
			throw new AclRuleExistsException(existing.id());
		});
		long id = this.rules.insert(rule);
		this.events.publishEvent(new AclRulesChangedEvent());
		return get(id);
	}

	@Transactional
	public AclRule replace(long id, AclRuleRequest request) {
		AclRule rule = validate(request).toRule(id);
		get(id);
		this.rules.findSame(rule).filter((existing) -> existing.id() != id).ifPresent((existing) -> {
			throw new AclRuleExistsException(existing.id());
		});
		this.rules.update(rule);
		this.events.publishEvent(new AclRulesChangedEvent());
		return get(id);
	}

	@Transactional
	public void delete(long id) {
		if (!this.rules.delete(id)) {
			throw new AclRuleNotFoundException(id);
		}
		this.events.publishEvent(new AclRulesChangedEvent());
	}

	private static AclRuleRequest validate(AclRuleRequest request) {
		String problem = AclTopicPattern.problem(request.topic());
		if (problem != null) {
			throw new InvalidRequestException("topic", problem);
		}
		return request;
	}

}
