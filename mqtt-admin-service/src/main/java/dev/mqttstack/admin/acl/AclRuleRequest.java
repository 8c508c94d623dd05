package dev.mqttstack.admin.acl;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/acl-rules} and {@code PUT /api/v1/acl-rules/{id}}.
 *
 * @param username the user it applies to, or {@code null} for any
 * @param clientId the client identifier it applies to, or {@code null} for any
 * @param topic a topic filter; {@code ${username}} and {@code ${clientid}} may stand for
 * whole levels
 * @param action {@code publish}, {@code subscribe} or {@code all}
 * @param permission {@code allow} or {@code deny}
 * @param priority higher is considered first; default 0
 */
public record AclRuleRequest(@Size(min = 1, max = 256) String username, @Size(min = 1, max = 65535) String clientId,
		@NotEmpty String topic,
		@NotNull @Pattern(regexp = "publish|subscribe|all",
				message = "must be one of publish, subscribe, all") String action,
		@NotNull @Pattern(regexp = "allow|deny", message = "must be allow or deny") String permission,
		Integer priority) {

	AclRule toRule(long id) {
		return new AclRule(id, this.username, this.clientId, this.topic, AclAction.of(this.action),
				AclPermission.of(this.permission), (this.priority != null) ? this.priority : 0);
	}

}
