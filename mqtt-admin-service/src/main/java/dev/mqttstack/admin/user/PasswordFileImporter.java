package dev.mqttstack.admin.user;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.mqttstack.admin.audit.AuditLog;
import dev.mqttstack.admin.web.ImportReport;

/**
 * Importer of mosquitto password files ({@code username:hash} per line, as
 * {@code mosquitto_passwd} writes them): hashes are stored unchanged; a changed hash
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
		String[] lines = content.split("\r?\n", -1);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i].strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			int colon = line.indexOf(':');
			if (colon < 0) {
				report.rejected(i + 1, "expected 'username:hash'");
				continue;
			}
			String username = line.substring(0, colon);
			String hash = line.substring(colon + 1);
			String problem = UsernameRules.problem(username);
			if (problem != null) {
				report.rejected(i + 1, "username " + problem);
			}
			else if (!MosquittoPasswordHasher.isWellFormed(hash)) {
				report.rejected(i + 1, "not a mosquitto $7$ or $6$ password hash");
			}
			else {
				store(username, hash, report);
			}
		}
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
