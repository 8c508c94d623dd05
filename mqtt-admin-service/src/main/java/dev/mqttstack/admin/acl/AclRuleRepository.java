package dev.mqttstack.admin.acl;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Repository of ACL rules in the {@code acl_rule} table. */
@Repository
public class AclRuleRepository {

	private static final String SELECT = "SELECT id, username, client_id, topic, action, permission, priority FROM acl_rule";

	private static final RowMapper<AclRule> MAPPER = AclRuleRepository::map;

	private static final String SAME_SUBJECT = "coalesce(username, '') = coalesce(:username, '') "
			+ "AND coalesce(client_id, '') = coalesce(:clientId, '') AND topic = :topic AND action = :action";

	private final JdbcClient jdbc;

	public AclRuleRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<AclRule> findAll() {
		return this.jdbc.sql(SELECT + " ORDER BY id").query(MAPPER).list();
	}

	public List<AclRule> findByUsername(String username) {
		return this.jdbc.sql(SELECT + " WHERE username = :username ORDER BY id")
			.param("username", username)
			.query(MAPPER)
			.list();
	}

	public Optional<AclRule> find(long id) {
		return this.jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(MAPPER).optional();
	}

	/** The rule for the same subject, topic and action as the given one. */
	public Optional<AclRule> findSame(AclRule rule) {
		return bind(this.jdbc.sql(SELECT + " WHERE " + SAME_SUBJECT), rule).query(MAPPER).optional();
	}

	/**
	 * Inserts a rule.
	 * @return the new identifier
	 * @throws org.springframework.dao.DuplicateKeyException if a rule exists for the same
	 * subject, topic and action
	 */
	public long insert(AclRule rule) {
		return bind(this.jdbc.sql("INSERT INTO acl_rule (username, client_id, topic, action, permission, priority) "
				+ "VALUES (:username, :clientId, :topic, :action, :permission, :priority) RETURNING id"), rule)
			.query(Long.class)
			.single();
	}

	public boolean update(AclRule rule) {
		return bind(this.jdbc.sql("UPDATE acl_rule SET username = :username, client_id = :clientId, topic = :topic, "
				+ "action = :action, permission = :permission, priority = :priority, updated_at = now() WHERE id = :id"),
				rule)
			.param("id", rule.id())
			.update() == 1;
	}

	public boolean delete(long id) {
		return this.jdbc.sql("DELETE FROM acl_rule WHERE id = :id").param("id", id).update() == 1;
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, AclRule rule) {
		return statement.param("username", rule.username())
			.param("clientId", rule.clientId())
			.param("topic", rule.topic())
			.param("action", rule.action().value())
			.param("permission", rule.permission().value())
			.param("priority", rule.priority());
	}

	private static AclRule map(ResultSet rs, int row) throws SQLException {
		return new AclRule(rs.getLong("id"), rs.getString("username"), rs.getString("client_id"), rs.getString("topic"),
				AclAction.of(rs.getString("action")), AclPermission.of(rs.getString("permission")),
				rs.getInt("priority"));
	}

}
