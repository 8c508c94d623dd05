package dev.mqttstack.admin.audit;

import java.time.OffsetDateTime;

import tools.jackson.databind.JsonNode;

/**
 * One change in the audit log, as {@code GET /api/v1/audit} shows it.
 *
 * @param id the entry's number, increasing
 * @param occurredAt when the change was made
 * @param actor the admin who made it
 * @param sourceAddress the address the request came from
 * @param action what was done, such as {@code user.update}
 * @param targetType the kind of thing changed: {@code user}, {@code acl-rule},
 * {@code admin}, {@code session}, {@code retained}
 * @param targetId its identifier
 * @param before its state before, without secrets; {@code null} when created
 * @param after its state after, without secrets; {@code null} when removed
 */
public record AuditEntry(long id, OffsetDateTime occurredAt, String actor, String sourceAddress, String action,
		String targetType, String targetId, JsonNode before, JsonNode after) {

}
