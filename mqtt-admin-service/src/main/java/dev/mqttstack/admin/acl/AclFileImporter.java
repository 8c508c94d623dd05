package dev.mqttstack.admin.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.mqttstack.admin.audit.AuditLog;
import dev.mqttstack.admin.web.ImportReport;
import dev.mqttstack.broker.mosquitto.AclAccess;
import dev.mqttstack.broker.mosquitto.AclFile;
import dev.mqttstack.broker.mosquitto.AclFileRule;

/**
 * Importer of mosquitto acl_files, read by broker-module's {@link AclFile} like the
 * standalone broker's acl_file: {@code user <name>} starts a user's section,
 * {@code topic [read|write|readwrite|deny] <topic>} adds a rule for that user, and
 * {@code pattern [...] <topic>} adds a rule for every client with {@code %u} and
 * {@code %c} turned into {@code ${username}} and {@code ${clientid}}. {@code read} maps
 * to subscribe, {@code write} to publish, {@code readwrite} (the default) and
 * {@code deny} to all; deny rules win at equal priority, as in mosquitto.
 */
@Component
public class AclFileImporter {

	private final AclRuleRepository rules;

	private final ApplicationEventPublisher events;

	private final AuditLog audit;

	public AclFileImporter(AclRuleRepository rules, ApplicationEventPublisher events, AuditLog audit) {
		this.rules = rules;
		this.events = events;
		this.audit = audit;
	}

	@Transactional
	public ImportReport importFile(String content) {
		ImportReport.Builder report = new ImportReport.Builder();
		AclFile file = AclFile.parse(content);
		Map<Integer, String> problems = new TreeMap<>();
		file.problems().forEach((problem) -> problems.put(problem.line(), problem.message()));
		List<AclRule> rules = new ArrayList<>();
		for (AclFileRule fileRule : file.rules()) {
			if (!fileRule.pattern() && fileRule.username() == null) {
				problems.put(fileRule.line(), "rules for anonymous clients (before any 'user' line) are not supported");
				continue;
			}
			String topic = fileRule.pattern() ? substitute(fileRule) : fileRule.topic();
			String problem = AclTopicPattern.problem(topic);
			if (problem != null) {
				problems.put(fileRule.line(), "topic " + problem);
				continue;
			}
			rules.add(rule(fileRule, topic));
		}
		problems.forEach(report::rejected);
		rules.forEach((rule) -> importRule(rule, report));
		this.events.publishEvent(new AclRulesChangedEvent());
		return report.build();
	}

	private static AclRule rule(AclFileRule fileRule, String topic) {
		AclAction action = switch (fileRule.access()) {
			case READ -> AclAction.SUBSCRIBE;
			case WRITE -> AclAction.PUBLISH;
			case READWRITE, DENY -> AclAction.ALL;
		};
		AclPermission permission = (fileRule.access() == AclAccess.DENY) ? AclPermission.DENY : AclPermission.ALLOW;
		return new AclRule(0, fileRule.username(), null, topic, action, permission, 0);
	}

	private void importRule(AclRule rule, ImportReport.Builder report) {
		Optional<AclRule> existing = this.rules.findSame(rule);
		if (existing.isEmpty()) {
			long id = this.rules.insert(rule);
			this.audit.record("acl-rule.import", "acl-rule", id, null,
					AclRuleResponse.of(this.rules.find(id).orElse(null)));
			report.created();
		}
		else if (existing.get().permission() != rule.permission() || existing.get().priority() != 0) {
			AclRule updated = new AclRule(existing.get().id(), rule.username(), null, rule.topic(), rule.action(),
					rule.permission(), 0);
			this.rules.update(updated);
			this.audit.record("acl-rule.import", "acl-rule", updated.id(), AclRuleResponse.of(existing.get()),
					AclRuleResponse.of(updated));
			report.updated();
		}
		else {
			report.unchanged();
		}
	}

	/** The pattern's topic with {@code %u} and {@code %c} as the rule placeholders. */
	private static String substitute(AclFileRule pattern) {
		return pattern.topicFor(AclTopicPattern.USERNAME, AclTopicPattern.CLIENT_ID);
	}

}
