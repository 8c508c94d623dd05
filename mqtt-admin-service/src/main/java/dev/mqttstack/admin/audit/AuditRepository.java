package dev.mqttstack.admin.audit;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reader of the {@code audit_log} table, newest first, by actor, target and time. */
@Repository
public class AuditRepository {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	public AuditRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public List<AuditEntry> find(AuditQuery query, int offset, int limit) {
		Map<String, Object> params = new LinkedHashMap<>();
		String where = where(query, params);
		params.put("limit", limit);
		params.put("offset", offset);
		return this.jdbc
			.sql("SELECT id, occurred_at, actor, source_address, action, target_type, target_id, "
					+ "before_state::text AS before_state, after_state::text AS after_state FROM audit_log" + where
					+ " ORDER BY id DESC LIMIT :limit OFFSET :offset")
			.params(params)
			.query((rs, row) -> new AuditEntry(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class),
					rs.getString("actor"), rs.getString("source_address"), rs.getString("action"),
					rs.getString("target_type"), rs.getString("target_id"), node(rs.getString("before_state")),
					node(rs.getString("after_state"))))
			.list();
	}

	public long count(AuditQuery query) {
		Map<String, Object> params = new LinkedHashMap<>();
		String where = where(query, params);
		return this.jdbc.sql("SELECT count(*) FROM audit_log" + where).params(params).query(Long.class).single();
	}

	private static String where(AuditQuery query, Map<String, Object> params) {
		List<String> conditions = new ArrayList<>();
		if (query.actor() != null) {
			conditions.add("actor = :actor");
			params.put("actor", query.actor());
		}
		if (query.targetType() != null) {
			conditions.add("target_type = :targetType");
			params.put("targetType", query.targetType());
		}
		if (query.targetId() != null) {
			conditions.add("target_id = :targetId");
			params.put("targetId", query.targetId());
		}
		if (query.from() != null) {
			conditions.add("occurred_at >= :from");
			params.put("from", query.from());
		}
		if (query.to() != null) {
			conditions.add("occurred_at < :to");
			params.put("to", query.to());
		}
		return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
	}

	private JsonNode node(String text) {
		return (text != null) ? this.json.readTree(text) : null;
	}

	/**
	 * Filters of the audit log; {@code null} ones do not filter.
	 *
	 * @param actor only changes by this admin
	 * @param targetType only changes of this kind of target
	 * @param targetId only changes of the target with this identifier
	 * @param from only changes at or after this time
	 * @param to only changes before this time
	 */
	public record AuditQuery(String actor, String targetType, String targetId, OffsetDateTime from, OffsetDateTime to) {

	}

}
