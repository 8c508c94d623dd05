package dev.mqttstack.admin.security;

import java.util.List;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.mqttstack.admin.audit.AuditLog;
import dev.mqttstack.admin.security.AdminExceptions.AdminExistsException;
import dev.mqttstack.admin.security.AdminExceptions.AdminNotFoundException;
import dev.mqttstack.admin.security.AdminExceptions.LastAdminException;

/** Service that manages admin accounts and keeps at least one enabled ADMIN. */
@Service
public class AdminAccountService {

	private final AdminAccountRepository accounts;

	private final PasswordEncoder encoder;

	private final AuditLog audit;

	public AdminAccountService(AdminAccountRepository accounts, PasswordEncoder encoder, AuditLog audit) {
		this.accounts = accounts;
		this.encoder = encoder;
		this.audit = audit;
	}

	@Transactional(readOnly = true)
	public List<AdminAccount> list() {
		return this.accounts.findAll();
	}

	@Transactional(readOnly = true)
	public AdminAccount get(String username) {
		return this.accounts.find(username).orElseThrow(() -> new AdminNotFoundException(username));
	}

	@Transactional
	public AdminAccount create(AdminRequests.Create request) {
		if (!this.accounts.insert(request.username(), this.encoder.encode(request.password()), request.role())) {
			throw new AdminExistsException(request.username());
		}
		AdminAccount created = get(request.username());
		this.audit.record("admin.create", "admin", created.username(), null, AdminRequests.View.of(created));
		return created;
	}

	@Transactional
	public AdminAccount update(String username, AdminRequests.Update request) {
		AdminAccount current = get(username);
		AdminRole role = (request.role() != null) ? request.role() : current.role();
		boolean enabled = (request.enabled() != null) ? request.enabled() : current.enabled();
		if ((role != AdminRole.ADMIN || !enabled) && current.role() == AdminRole.ADMIN && current.enabled()) {
			requireAnotherAdmin(username);
		}
		String hash = (request.password() != null) ? this.encoder.encode(request.password()) : current.passwordHash();
		this.accounts.update(new AdminAccount(username, hash, role, enabled, current.createdAt(), null));
		AdminAccount updated = get(username);
		this.audit.record("admin.update", "admin", username, AdminRequests.View.of(current),
				new AdminRequests.AuditedChange(AdminRequests.View.of(updated), request.password() != null));
		return updated;
	}

	@Transactional
	public void delete(String username) {
		AdminAccount current = get(username);
		if (current.role() == AdminRole.ADMIN && current.enabled()) {
			requireAnotherAdmin(username);
		}
		this.accounts.delete(username);
		this.audit.record("admin.delete", "admin", username, AdminRequests.View.of(current), null);
	}

	private void requireAnotherAdmin(String username) {
		if (this.accounts.countOtherEnabledAdmins(username) == 0) {
			throw new LastAdminException(username);
		}
	}

}
