package dev.mqttstack.admin.security;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.mqttstack.admin.AdminServiceTest;
import dev.mqttstack.admin.ApiClient;
import dev.mqttstack.admin.ApiClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

@AdminServiceTest
class AdminSecurityTests {

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	private ApiClient anonymous;

	private ApiClient admin;

	@BeforeEach
	void setUp() {
		this.anonymous = ApiClient.on(this.port);
		this.admin = this.anonymous.asAdmin();
	}

	@Test
	void bootstrapAdminIsStoredWithADelegatingEncoderHash() {
		String hash = this.jdbc.sql("SELECT password_hash FROM admin_account WHERE username = 'admin'")
			.query(String.class)
			.single();
		assertThat(hash).startsWith("{bcrypt}");
		assertThat(this.admin.get("/api/v1/users").status()).isEqualTo(200);
	}

	@Test
	void missingOrWrongCredentialsAreAnUnauthorizedProblem() {
		Response missing = this.anonymous.get("/api/v1/users");
		assertThat(missing.status()).isEqualTo(401);
		assertThat(missing.contentType()).startsWith("application/problem+json");
		assertThat(missing.headers().getFirst("WWW-Authenticate")).startsWith("Basic");
		assertThat(missing.json().get("type").asString()).isEqualTo("https://mqttstack.dev/problems/unauthorized");
		assertThat(missing.json().get("instance").asString()).isEqualTo("/api/v1/users");
		Response wrong = this.anonymous.as("admin", "not-it").get("/api/v1/users");
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.contentType()).startsWith("application/problem+json");
	}

	@Test
	void viewersReadButCannotWriteOrManageAdmins() {
		Response created = this.admin.post("/api/v1/admins", """
				{"username":"viewer-1","password":"viewer-password","role":"VIEWER"}""");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.body()).doesNotContain("viewer-password").doesNotContain("bcrypt");
		ApiClient viewer = this.anonymous.as("viewer-1", "viewer-password");
		assertThat(viewer.get("/api/v1/users").status()).isEqualTo(200);
		assertThat(viewer.get("/api/v1/acl-rules").status()).isEqualTo(200);
		assertThat(viewer.post("/api/v1/acl/check", """
				{"username":"x","clientId":"y","action":"publish","topic":"a"}""").status()).isEqualTo(200);
		Response denied = viewer.post("/api/v1/users", """
				{"username":"by-viewer","password":"pw"}""");
		assertThat(denied.status()).isEqualTo(403);
		assertThat(denied.contentType()).startsWith("application/problem+json");
		assertThat(denied.json().get("type").asString()).isEqualTo("https://mqttstack.dev/problems/forbidden");
		assertThat(viewer.get("/api/v1/admins").status()).isEqualTo(403);
		assertThat(viewer.delete("/api/v1/acl-rules/1").status()).isEqualTo(403);
	}

	@Test
	void adminsAreManagedAndTheLastAdminStays() {
		Response created = this.admin.post("/api/v1/admins", """
				{"username":"ops-2","password":"ops-password","role":"ADMIN"}""");
		assertThat(created.status()).isEqualTo(201);
		assertThat(this.admin.post("/api/v1/admins", """
				{"username":"ops-2","password":"ops-password","role":"ADMIN"}""").status()).isEqualTo(409);
		Response invalid = this.admin.post("/api/v1/admins", """
				{"username":"bad name","password":"short","role":"OWNER"}""");
		assertThat(invalid.status()).isEqualTo(400);
		ApiClient ops = this.anonymous.as("ops-2", "ops-password");
		assertThat(ops.get("/api/v1/admins").json().findValues("username")).hasSizeGreaterThanOrEqualTo(2);
		assertThat(ops.patch("/api/v1/admins/ops-2", "{\"enabled\":false}").status()).isEqualTo(200);
		assertThat(ops.get("/api/v1/users").status()).isEqualTo(401);
		Response lastAdmin = this.admin.patch("/api/v1/admins/admin", "{\"role\":\"VIEWER\"}");
		assertThat(lastAdmin.status()).isEqualTo(409);
		assertThat(lastAdmin.json().get("type").asString()).isEqualTo("https://mqttstack.dev/problems/last-admin");
		assertThat(this.admin.delete("/api/v1/admins/admin").status()).isEqualTo(409);
		assertThat(this.admin.delete("/api/v1/admins/ops-2").status()).isEqualTo(204);
		assertThat(this.admin.get("/api/v1/admins/ops-2").status()).isEqualTo(404);
	}

	@Test
	void healthAndTheOpenApiDocumentArePublicAndMetricsNeedALogin() {
		Response health = this.anonymous.get("/actuator/health");
		assertThat(health.status()).as(health.body()).isEqualTo(200);
		assertThat(health.json().get("status").asString()).isEqualTo("UP");
		assertThat(health.json().get("components").has("broker")).isTrue();
		assertThat(health.json().get("components").has("db")).isTrue();
		Response details = this.admin.get("/actuator/health");
		assertThat(details.json().get("components").get("broker").get("details").has("port")).isTrue();
		Response openApi = this.anonymous.get("/v3/api-docs");
		assertThat(openApi.status()).isEqualTo(200);
		assertThat(openApi.json().get("paths").has("/api/v1/users")).isTrue();
		assertThat(openApi.json().get("paths").has("/api/v1/acl/check")).isTrue();
		assertThat(this.anonymous.get("/swagger-ui/index.html").status()).isEqualTo(200);
		assertThat(this.anonymous.get("/actuator/prometheus").status()).isEqualTo(401);
		Response prometheus = this.admin.get("/actuator/prometheus");
		assertThat(prometheus.status()).isEqualTo(200);
		assertThat(prometheus.body()).contains("mqtt_clients_connected").contains("hikaricp_connections");
	}

	@Test
	void unknownPathsAndMethodsAreProblemsToo() {
		Response unknown = this.admin.get("/api/v1/nothing-here");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.contentType()).startsWith("application/problem+json");
		assertThat(unknown.json().get("type").asString()).isEqualTo("https://mqttstack.dev/problems/not-found");
		Response method = this.admin.put("/api/v1/users", "{}");
		assertThat(method.status()).isEqualTo(405);
		assertThat(method.json().get("type").asString()).isEqualTo("https://mqttstack.dev/problems/method-not-allowed");
		Response mediaType = this.admin.post("/api/v1/users/import", "{}");
		assertThat(mediaType.status()).isEqualTo(415);
	}

}
