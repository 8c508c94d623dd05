package dev.mqttstack.admin.audit;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Writer of the audit log: one row per change made through the admin API, with the
 * logged-in admin, the request's source address and the target's state before and after
 * as JSON. Called inside the change's transaction where it has one, so the row commits or
 * rolls back with the change. Callers pass views without password hashes.
 */
@Component
public class AuditLog {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	public AuditLog(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Records a change.
	 * @param action what was done, such as {@code user.update}
	 * @param targetType the kind of thing changed, such as {@code user}
	 * @param targetId its identifier, or {@code null}
	 * @param before its state before (no secrets), or {@code null} when created
	 * @param after its state after (no secrets), or {@code null} when removed
	 */
	public void record(String action, String targetType, Object targetId, Object before, Object after) {
		this.jdbc
			.sql("INSERT INTO audit_log (actor, source_address, action, target_type, target_id, before_state, "
					+ "after_state) VALUES (:actor, :address, :action, :type, :id, CAST(:before AS jsonb), "
					+ "CAST(:after AS jsonb))")
			.param("actor", actor())
			.param("address", sourceAddress())
			.param("action", action)
			.param("type", targetType)
			.param("id", (targetId != null) ? targetId.toString() : null)
			.param("before", (before != null) ? this.json.writeValueAsString(before) : null)
			.param("after", (after != null) ? this.json.writeValueAsString(after) : null)
			.update();
	}

	private static String actor() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null && authentication.getName() != null) ? authentication.getName() : "system";
	}

	private static String sourceAddress() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return request.getRemoteAddr();
		}
		return null;
	}

}
