package dev.mqttstack.admin.user;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Repository of MQTT users in the {@code mqtt_user} table. */
@Repository
public class MqttUserRepository {

	private static final String COLUMNS = "username, password_hash, superuser, enabled, created_at, updated_at";

	private static final String SEARCH = " WHERE lower(username) LIKE '%' || lower(:search) || '%' ESCAPE '\\'";

	private final JdbcClient jdbc;

	public MqttUserRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<MqttUser> find(String username) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM mqtt_user WHERE username = :username")
			.param("username", username)
			.query(MqttUser.class)
			.optional();
	}

	public List<MqttUser> findPage(String search, int offset, int limit) {
		String where = (search != null) ? SEARCH : "";
		var statement = this.jdbc
			.sql("SELECT " + COLUMNS + " FROM mqtt_user" + where + " ORDER BY username LIMIT :limit OFFSET :offset")
			.param("limit", limit)
			.param("offset", offset);
		if (search != null) {
			statement = statement.param("search", escapeLike(search));
		}
		return statement.query(MqttUser.class).list();
	}

	public long count(String search) {
		var statement = this.jdbc.sql("SELECT count(*) FROM mqtt_user" + ((search != null) ? SEARCH : ""));
		if (search != null) {
			statement = statement.param("search", escapeLike(search));
		}
		return statement.query(Long.class).single();
	}

	/**
	 * Inserts a user unless the name is taken.
	 * @return {@code true} if inserted
	 */
	public boolean insert(String username, String passwordHash, boolean superuser, boolean enabled) {
		return this.jdbc
			.sql("INSERT INTO mqtt_user (username, password_hash, superuser, enabled) "
					+ "VALUES (:username, :hash, :superuser, :enabled) ON CONFLICT (username) DO NOTHING")
			.param("username", username)
			.param("hash", passwordHash)
			.param("superuser", superuser)
			.param("enabled", enabled)
			.update() == 1;
	}

	public void update(MqttUser user) {
		this.jdbc
			.sql("UPDATE mqtt_user SET password_hash = :hash, superuser = :superuser, enabled = :enabled, "
					+ "updated_at = now() WHERE username = :username")
			.param("username", user.username())
			.param("hash", user.passwordHash())
			.param("superuser", user.superuser())
			.param("enabled", user.enabled())
			.update();
	}

	public boolean delete(String username) {
		return this.jdbc.sql("DELETE FROM mqtt_user WHERE username = :username")
			.param("username", username)
			.update() == 1;
	}

	private static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
