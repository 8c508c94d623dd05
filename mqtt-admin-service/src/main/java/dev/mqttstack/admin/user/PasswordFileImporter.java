package dev.mqttstack.admin.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.mqttstack.admin.audit.AuditLog;
import dev.mqttstack.admin.web.ImportReport;
import dev.mqttstack.broker.mosquitto.PasswordFile;

/**
 * Importer of mosquitto password files ({@code username:hash} per line, as
 * {@code mosquitto_passwd} writes them, read by broker-module's {@link PasswordFile} like
 * the standalone broker's password_file): hashes are stored unchanged; a changed hash
 * disconnects the user's clients.
 */
@Component
public class PasswordFileImporter {

	private final MqttUserRepository users;

	private final ApplicationEventPublisher events;

	private final AuditLog audit;

	public PasswordFileImporter(MqttUserRepository users, ApplicationEventPublisher events, AuditLog audit) {
		this.users = users;
		this.events = events;
		this.audit = audit;
	}

	@Transactional
	public ImportReport importFile(String content) {
		ImportReport.Builder report = new ImportReport.Builder();
		PasswordFile file = PasswordFile.parse(content);
		Map<Integer, String> problems = new TreeMap<>();
		file.problems().forEach((problem) -> problems.put(problem.line(), problem.message()));
		List<PasswordFile.Entry> valid = new ArrayList<>();
		for (PasswordFile.Entry entry : file.entries()) {
			String problem = UsernameRules.problem(entry.username());
			if (problem != null) {
				problems.put(entry.line(), "username " + problem);
			}
			else {
				valid.add(entry);
			}
		}
		problems.forEach(report::rejected);
		valid.forEach((entry) -> store(entry.username(), entry.hash(), report));
		return report.build();
	}

	private void store(String username, String hash, ImportReport.Builder report) {
		if (this.users.insert(username, hash, false, true)) {
			this.audit.record("user.import", "user", username, null,
					UserResponse.Audited.of(this.users.find(username).orElseThrow(), true));
			report.created();
			return;
		}
		MqttUser current = this.users.find(username).orElseThrow();
		if (current.passwordHash().equals(hash)) {
			report.unchanged();
			return;
		}
		this.users.update(new MqttUser(username, hash, current.superuser(), current.enabled(), null, null));
		this.events.publishEvent(new MqttUserChangedEvent(username, true));
		this.audit.record("user.import", "user", username, UserResponse.Audited.of(current, false),
				UserResponse.Audited.of(current, true));
		report.updated();
	}

}
