package dev.mqttstack.admin.ban;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Repository of bans in the {@code mqtt_bans} table. */
@Repository
public class BanRepository {

	private static final String COLUMNS = "id, kind, value, reason, expires_at, created_at, created_by";

	private final JdbcClient jdbc;

	public BanRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Ban> findAll() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM mqtt_bans ORDER BY id").query(BanRepository::ban).list();
	}

	public List<Ban> findPage(int offset, int limit) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM mqtt_bans ORDER BY id LIMIT :limit OFFSET :offset")
			.param("limit", limit)
			.param("offset", offset)
			.query(BanRepository::ban)
			.list();
	}

	public long count() {
		return this.jdbc.sql("SELECT count(*) FROM mqtt_bans").query(Long.class).single();
	}

	public Optional<Ban> find(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM mqtt_bans WHERE id = :id")
			.param("id", id)
			.query(BanRepository::ban)
			.optional();
	}

	public Optional<Ban> find(BanKind kind, String value) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM mqtt_bans WHERE kind = :kind AND value = :value")
			.param("kind", kind.name())
			.param("value", value)
			.query(BanRepository::ban)
			.optional();
	}

	public long insert(BanKind kind, String value, String reason, Instant expiresAt, String createdBy) {
		return this.jdbc
			.sql("INSERT INTO mqtt_bans (kind, value, reason, expires_at, created_by) "
					+ "VALUES (:kind, :value, :reason, :expiresAt, :createdBy) RETURNING id")
			.param("kind", kind.name())
			.param("value", value)
			.param("reason", reason)
			.param("expiresAt", (expiresAt != null) ? OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC) : null)
			.param("createdBy", createdBy)
			.query(Long.class)
			.single();
	}

	public boolean delete(long id) {
		return this.jdbc.sql("DELETE FROM mqtt_bans WHERE id = :id").param("id", id).update() > 0;
	}

	private static Ban ban(ResultSet rs, int row) throws SQLException {
		return new Ban(rs.getLong("id"), BanKind.valueOf(rs.getString("kind")), rs.getString("value"),
				rs.getString("reason"), instant(rs.getTimestamp("expires_at")), instant(rs.getTimestamp("created_at")),
				rs.getString("created_by"));
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
