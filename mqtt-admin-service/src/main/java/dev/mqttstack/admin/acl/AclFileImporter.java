package dev.mqttstack.admin.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.mqttstack.admin.audit.AuditLog;
import dev.mqttstack.admin.web.ImportReport;

/**
 * Importer of mosquitto acl_files: {@code user <name>} starts a user's section,
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
		String user = null;
		String[] lines = content.split("\r?\n", -1);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i].strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			String[] words = line.split("\\s+", 2);
			String rest = (words.length > 1) ? words[1].strip() : "";
			switch (words[0]) {
				case "user" -> {
					if (rest.isEmpty()) {
						report.rejected(i + 1, "'user' needs a user name");
					}
					user = rest.isEmpty() ? null : rest;
				}
				case "topic" -> {
					if (user == null) {
						report.rejected(i + 1,
								"rules for anonymous clients (before any 'user' line) are not supported");
					}
					else {
						importRule(user, rest, false, i + 1, report);
					}
				}
				case "pattern" -> importRule(null, rest, true, i + 1, report);
				default -> report.rejected(i + 1, "unknown keyword '" + words[0] + "'");
			}
		}
		this.events.publishEvent(new AclRulesChangedEvent());
		return report.build();
	}

	private void importRule(String username, String text, boolean pattern, int line, ImportReport.Builder report) {
		String[] words = text.split("\\s+", 2);
		String access = "readwrite";
		String topic = text;
		if (words.length == 2 && words[0].matches("read|write|readwrite|deny")) {
			access = words[0];
			topic = words[1].strip();
		}
		if (pattern) {
			topic = substitute(topic);
			if (topic == null) {
				report.rejected(line, "%u and %c must stand for a whole topic level");
				return;
			}
		}
		String problem = AclTopicPattern.problem(topic);
		if (problem != null) {
			report.rejected(line, "topic " + problem);
			return;
		}
		AclAction action = switch (access) {
			case "read" -> AclAction.SUBSCRIBE;
			case "write" -> AclAction.PUBLISH;
			default -> AclAction.ALL;
		};
		AclPermission permission = access.equals("deny") ? AclPermission.DENY : AclPermission.ALLOW;
		AclRule rule = new AclRule(0, username, null, topic, action, permission, 0);
		Optional<AclRule> existing = this.rules.findSame(rule);
		if (existing.isEmpty()) {
			long id = this.rules.insert(rule);
			this.audit.record("acl-rule.import", "acl-rule", id, null,
					AclRuleResponse.of(this.rules.find(id).orElse(null)));
			report.created();
		}
		else if (existing.get().permission() != permission || existing.get().priority() != 0) {
			AclRule updated = new AclRule(existing.get().id(), username, null, topic, action, permission, 0);
			this.rules.update(updated);
			this.audit.record("acl-rule.import", "acl-rule", updated.id(), AclRuleResponse.of(existing.get()),
					AclRuleResponse.of(updated));
			report.updated();
		}
		else {
			report.unchanged();
		}
	}

	private static String substitute(String topic) {
		List<String> levels = new ArrayList<>();
		for (String level : topic.split("/", -1)) {
			String replaced = switch (level) {
				case "%u" -> AclTopicPattern.USERNAME;
				case "%c" -> AclTopicPattern.CLIENT_ID;
				default -> level;
			};
			if (replaced.equals(level) && (level.contains("%u") || level.contains("%c"))) {
				return null;
			}
			levels.add(replaced);
		}
		return String.join("/", levels);
	}

}
