package dev.mqttstack.admin.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Repository of admin accounts in the {@code admin_account} table. */
@Repository
public class AdminAccountRepository {

	private static final String SELECT = "SELECT username, password_hash, role, enabled, created_at, updated_at FROM admin_account";

	private static final RowMapper<AdminAccount> MAPPER = AdminAccountRepository::map;

	private final JdbcClient jdbc;

	public AdminAccountRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<AdminAccount> find(String username) {
		return this.jdbc.sql(SELECT + " WHERE username = :username")
			.param("username", username)
			.query(MAPPER)
			.optional();
	}

	public List<AdminAccount> findAll() {
		return this.jdbc.sql(SELECT + " ORDER BY username").query(MAPPER).list();
	}

	public long count() {
		return this.jdbc.sql("SELECT count(*) FROM admin_account").query(Long.class).single();
	}

	/**
	 * Enabled ADMIN accounts other than the given one; locked so two requests cannot
	 * remove the last.
	 */
	public long countOtherEnabledAdmins(String username) {
		return this.jdbc
			.sql("SELECT username FROM admin_account WHERE role = 'ADMIN' AND enabled AND username <> :username "
					+ "FOR UPDATE")
			.param("username", username)
			.query(String.class)
			.list()
			.size();
	}

	public boolean insert(String username, String passwordHash, AdminRole role) {
		return this.jdbc
			.sql("INSERT INTO admin_account (username, password_hash, role) VALUES (:username, :hash, :role) "
					+ "ON CONFLICT (username) DO NOTHING")
			.param("username", username)
			.param("hash", passwordHash)
			.param("role", role.name())
			.update() == 1;
	}

	public void update(AdminAccount account) {
		this.jdbc
			.sql("UPDATE admin_account SET password_hash = :hash, role = :role, enabled = :enabled, updated_at = now() "
					+ "WHERE username = :username")
			.param("username", account.username())
			.param("hash", account.passwordHash())
			.param("role", account.role().name())
			.param("enabled", account.enabled())
			.update();
	}

	public boolean delete(String username) {
		return this.jdbc.sql("DELETE FROM admin_account WHERE username = :username")
			.param("username", username)
			.update() == 1;
	}

	private static AdminAccount map(ResultSet rs, int row) throws SQLException {
		return new AdminAccount(rs.getString("username"), rs.getString("password_hash"),
				AdminRole.valueOf(rs.getString("role")), rs.getBoolean("enabled"),
				rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
	}

}
