package dev.mqttstack.admin.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.mqttstack.admin.AdminServiceTest;
import dev.mqttstack.admin.ApiClient;
import dev.mqttstack.admin.ApiClient.Response;
import dev.mqttstack.admin.PahoClients;
import dev.mqttstack.admin.PahoClients.Client;
import dev.mqttstack.admin.user.CreateUserRequest;
import dev.mqttstack.admin.user.MqttUserService;
import dev.mqttstack.broker.MqttBroker;

import static org.assertj.core.api.Assertions.assertThat;

/** Changes made through the real HTTP API, read back from the audit log in PostgreSQL. */
@AdminServiceTest
class AuditApiTests {

	@LocalServerPort
	private int port;

	@Autowired
	private MqttBroker broker;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private MqttUserService users;

	@Autowired
	private TransactionTemplate transactions;

	private ApiClient anonymous;

	private ApiClient admin;

	@BeforeEach
	void setUp() {
		this.anonymous = ApiClient.on(this.port);
		this.admin = this.anonymous.asAdmin();
	}

	@Test
	void userChangesAreAuditedWithActorAddressAndBeforeAfterButNoSecrets() {
		assertThat(this.admin.post("/api/v1/users", """
				{"username":"audited-user","password":"first-secret"}""").status()).isEqualTo(201);
		assertThat(this.admin.patch("/api/v1/users/audited-user", """
				{"password":"second-secret","enabled":false}""").status()).isEqualTo(200);
		assertThat(this.admin.delete("/api/v1/users/audited-user").status()).isEqualTo(204);
		Response response = this.admin.get("/api/v1/audit?targetType=user&targetId=audited-user");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		List<JsonNode> entries = entries(response);
		assertThat(entries).extracting((e) -> e.get("action").asString())
			.containsExactly("user.delete", "user.update", "user.create");
		assertThat(entries).allSatisfy((e) -> {
			assertThat(e.get("actor").asString()).isEqualTo("admin");
			assertThat(e.get("sourceAddress").asString()).isEqualTo("127.0.0.1");
			assertThat(e.get("occurredAt").asString()).isNotBlank();
		});
		JsonNode update = entries.get(1);
		assertThat(update.get("before").get("enabled").asBoolean()).isTrue();
		assertThat(update.get("after").get("enabled").asBoolean()).isFalse();
		assertThat(update.get("after").get("passwordChanged").asBoolean()).isTrue();
		assertThat(entries.get(0).get("after").isNull()).isTrue();
		assertThat(entries.get(2).get("before").isNull()).isTrue();
		String stored = this.jdbc
			.sql("SELECT string_agg(coalesce(before_state::text, '') || "
					+ "coalesce(after_state::text, ''), ' ') FROM audit_log WHERE target_id = 'audited-user'")
			.query(String.class)
			.single();
		assertThat(stored + response.body()).doesNotContain("secret").doesNotContain("$7$").doesNotContain("hash");
	}

	@Test
	void aclRuleAdminSessionAndRetainedChangesAreAudited() throws Exception {
		Response rule = this.admin.post("/api/v1/acl-rules", """
				{"username":"audit-acl","topic":"a/b","action":"publish","permission":"allow"}""");
		String id = rule.json().get("id").asString();
		this.admin.put("/api/v1/acl-rules/" + id, """
				{"username":"audit-acl","topic":"a/c","action":"publish","permission":"allow"}""");
		this.admin.delete("/api/v1/acl-rules/" + id);
		assertThat(entries(this.admin.get("/api/v1/audit?targetType=acl-rule&targetId=" + id)))
			.extracting((e) -> e.get("action").asString())
			.containsExactly("acl-rule.delete", "acl-rule.replace", "acl-rule.create");
		this.admin.post("/api/v1/admins", """
				{"username":"audit-ops","password":"audit-ops-password","role":"VIEWER"}""");
		this.admin.patch("/api/v1/admins/audit-ops", "{\"password\":\"another-password\"}");
		List<JsonNode> admins = entries(this.admin.get("/api/v1/audit?targetType=admin&targetId=audit-ops"));
		assertThat(admins).extracting((e) -> e.get("action").asString())
			.containsExactly("admin.update", "admin.create");
		assertThat(admins.get(0).get("after").get("passwordChanged").asBoolean()).isTrue();
		assertThat(admins.toString()).doesNotContain("bcrypt").doesNotContain("password\":\"");
		this.admin.post("/api/v1/users", """
				{"username":"audit-mqtt","password":"pw"}""");
		try (Client client = PahoClients.connect(this.broker.port(), "audit-client", "audit-mqtt", "pw")) {
			assertThat(this.admin.post("/api/v1/sessions/audit-client/disconnect", null).status()).isEqualTo(204);
		}
		assertThat(entries(this.admin.get("/api/v1/audit?targetType=session&targetId=audit-client")))
			.extracting((e) -> e.get("action").asString())
			.containsExactly("session.disconnect");
		assertThat(this.admin.delete("/api/v1/retained?topic=audit/%23").status()).isEqualTo(200);
		assertThat(entries(this.admin.get("/api/v1/audit?targetType=retained&targetId=audit/%23")))
			.extracting((e) -> e.get("action").asString())
			.containsExactly("retained.clear");
	}

	@Test
	void viewersReadTheAuditLogFilteredByActorAndTimeAndStrangersDoNot() {
		this.admin.post("/api/v1/admins", """
				{"username":"audit-viewer","password":"viewer-password","role":"VIEWER"}""");
		ApiClient viewer = this.anonymous.as("audit-viewer", "viewer-password");
		assertThat(this.anonymous.get("/api/v1/audit").status()).isEqualTo(401);
		Response all = viewer.get("/api/v1/audit?actor=admin&size=500");
		assertThat(all.status()).isEqualTo(200);
		assertThat(entries(all)).isNotEmpty()
			.allSatisfy((e) -> assertThat(e.get("actor").asString()).isEqualTo("admin"));
		assertThat(entries(viewer.get("/api/v1/audit?actor=nobody-at-all"))).isEmpty();
		String later = OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).toString();
		assertThat(entries(viewer.get("/api/v1/audit?from={from}", later))).isEmpty();
		assertThat(entries(viewer.get("/api/v1/audit?to={to}", later))).isNotEmpty();
		Response badTime = viewer.get("/api/v1/audit?from=yesterday");
		assertThat(badTime.status()).isEqualTo(400);
		assertThat(badTime.contentType()).startsWith("application/problem+json");
		Response page = viewer.get("/api/v1/audit?size=1&page=0");
		assertThat(page.json().get("content")).hasSize(1);
		assertThat(page.json().get("totalElements").asLong()).isGreaterThanOrEqualTo(1);
		Response openApi = this.anonymous.get("/v3/api-docs");
		assertThat(openApi.json().get("paths").has("/api/v1/audit")).isTrue();
	}

	@Test
	void aChangeRolledBackLeavesNoAuditEntry() {
		this.transactions.executeWithoutResult((status) -> {
			this.users.create(new CreateUserRequest("audit-rolled-back", "pw", false, true));
			status.setRollbackOnly();
		});
		assertThat(this.jdbc.sql("SELECT count(*) FROM audit_log WHERE target_id = 'audit-rolled-back'")
			.query(Long.class)
			.single()).isZero();
		assertThat(this.admin.get("/api/v1/users/audit-rolled-back").status()).isEqualTo(404);
	}

	private static List<JsonNode> entries(Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().get("content").valueStream().toList();
	}

}
