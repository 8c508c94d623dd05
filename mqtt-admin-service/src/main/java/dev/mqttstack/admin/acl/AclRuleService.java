package dev.mqttstack.admin.acl;

import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.mqttstack.admin.audit.AuditLog;
import dev.mqttstack.admin.web.InvalidRequestException;

/**
 * Service that manages ACL rules; every change reloads the authorizer's snapshot once
 * committed, so it applies to the next operation of connected clients.
 */
@Service
public class AclRuleService {

	private final AclRuleRepository rules;

	private final ApplicationEventPublisher events;

	private final AuditLog audit;

	public AclRuleService(AclRuleRepository rules, ApplicationEventPublisher events, AuditLog audit) {
		this.rules = rules;
		this.events = events;
		this.audit = audit;
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
		AclRule created = get(id);
		this.audit.record("acl-rule.create", "acl-rule", id, null, AclRuleResponse.of(created));
		return created;
	}

	@Transactional
	public AclRule replace(long id, AclRuleRequest request) {
		AclRule rule = validate(request).toRule(id);
		AclRule current = get(id);
		this.rules.findSame(rule).filter((existing) -> existing.id() != id).ifPresent((existing) -> {
			throw new AclRuleExistsException(existing.id());
		});
		this.rules.update(rule);
		this.events.publishEvent(new AclRulesChangedEvent());
		AclRule replaced = get(id);
		this.audit.record("acl-rule.replace", "acl-rule", id, AclRuleResponse.of(current),
				AclRuleResponse.of(replaced));
		return replaced;
	}

	@Transactional
	public void delete(long id) {
		AclRule current = get(id);
		if (!this.rules.delete(id)) {
			throw new AclRuleNotFoundException(id);
		}
		this.audit.record("acl-rule.delete", "acl-rule", id, AclRuleResponse.of(current), null);
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
