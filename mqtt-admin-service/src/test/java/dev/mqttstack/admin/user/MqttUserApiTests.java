package dev.mqttstack.admin.user;

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
class MqttUserApiTests {

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	private ApiClient api;

	@BeforeEach
	void setUp() {
		this.api = ApiClient.on(this.port).asAdmin();
	}

	@Test
	void createdUserIsStoredWithAMosquittoHashAndNeverShowsIt() {
		Response created = this.api.post("/api/v1/users", """
				{"username":"api-alice","password":"wonderland","superuser":true}""");
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.headers().getLocation()).hasPath("/api/v1/users/api-alice");
		assertThat(created.json().get("username").asString()).isEqualTo("api-alice");
		assertThat(created.json().get("superuser").asBoolean()).isTrue();
		assertThat(created.json().get("enabled").asBoolean()).isTrue();
		assertThat(created.body()).doesNotContain("wonderland")
			.doesNotContain("$7$")
			.doesNotContainIgnoringCase("hash");
		String hash = this.jdbc.sql("SELECT password_hash FROM mqtt_user WHERE username = 'api-alice'")
			.query(String.class)
			.single();
		assertThat(hash).startsWith("$7$1000$");
		Response fetched = this.api.get("/api/v1/users/api-alice");
		assertThat(fetched.status()).isEqualTo(200);
		assertThat(fetched.body()).doesNotContain("$7$").doesNotContainIgnoringCase("password");
	}

	@Test
	void creatingAnExistingUserIsAConflict() {
		this.api.post("/api/v1/users", """
				{"username":"api-twice","password":"x"}""");
		Response again = this.api.post("/api/v1/users", """
				{"username":"api-twice","password":"y"}""");
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.contentType()).startsWith("application/problem+json");
		assertThat(again.json().get("type").asString()).isEqualTo("https://mqttstack.dev/problems/user-already-exists");
		assertThat(again.json().get("instance").asString()).isEqualTo("/api/v1/users");
	}

	@Test
	void badUsernamesAndEmptyPasswordsAreFieldErrors() {
		for (String username : new String[] { "", "a+b", "a#", "a/b", "tab\\there", "x".repeat(257) }) {
			Response response = this.api.post("/api/v1/users",
					"{\"username\":\"" + username + "\",\"password\":\"secret\"}");
			assertThat(response.status()).as(username).isEqualTo(400);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.json().get("type").asString())
				.isEqualTo("https://mqttstack.dev/problems/validation-error");
			assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("username");
		}
		Response emptyPassword = this.api.post("/api/v1/users", """
				{"username":"api-nopass","password":""}""");
		assertThat(emptyPassword.status()).isEqualTo(400);
		assertThat(emptyPassword.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
		assertThat(this.api.get("/api/v1/users/api-nopass").status()).isEqualTo(404);
	}

	@Test
	void usersArePagedAndSearchable() {
		for (int i = 0; i < 3; i++) {
			this.api.post("/api/v1/users", "{\"username\":\"page-user-" + i + "\",\"password\":\"pw\"}");
		}
		Response page = this.api.get("/api/v1/users?search=PAGE-USER&size=2&page=0");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.json().get("totalElements").asLong()).isEqualTo(3);
		assertThat(page.json().get("totalPages").asInt()).isEqualTo(2);
		assertThat(page.json().get("content")).hasSize(2);
		assertThat(page.json().get("content").get(0).get("username").asString()).isEqualTo("page-user-0");
		Response second = this.api.get("/api/v1/users?search=page-user&size=2&page=1");
		assertThat(second.json().get("content")).hasSize(1);
		assertThat(this.api.get("/api/v1/users?search=%25").json().get("totalElements").asLong()).isZero();
		assertThat(this.api.get("/api/v1/users?size=0").status()).isEqualTo(400);
	}

	@Test
	void patchChangesOnlyTheFieldsGivenAndDeleteRemoves() {
		this.api.post("/api/v1/users", """
				{"username":"api-patch","password":"first"}""");
		String before = hash("api-patch");
		Response disabled = this.api.patch("/api/v1/users/api-patch", """
				{"enabled":false}""");
		assertThat(disabled.status()).isEqualTo(200);
		assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
		assertThat(hash("api-patch")).isEqualTo(before);
		this.api.patch("/api/v1/users/api-patch", """
				{"password":"second"}""");
		assertThat(hash("api-patch")).isNotEqualTo(before);
		assertThat(this.api.patch("/api/v1/users/api-patch", """
				{"password":""}""").status()).isEqualTo(400);
		assertThat(this.api.delete("/api/v1/users/api-patch").status()).isEqualTo(204);
		Response gone = this.api.get("/api/v1/users/api-patch");
		assertThat(gone.status()).isEqualTo(404);
		assertThat(gone.json().get("type").asString()).isEqualTo("https://mqttstack.dev/problems/user-not-found");
		assertThat(this.api.delete("/api/v1/users/api-patch").status()).isEqualTo(404);
	}

	@Test
	void passwordFileImportCreatesUpdatesAndRejects() {
		this.api.post("/api/v1/users", """
				{"username":"imp-existing","password":"old"}""");
		String file = """
				# written by mosquitto_passwd
				imp-admin:$7$101$Ezuo4G1TqYtTQDL/$Rko31yHY12ryMoyZTBNIUsCPb5SDa4WmUP3Xe2+V6P+QOSW3Gj6IDmpl6zQsAjutb476zEYdBeTw9tU7WZ1new==
				imp-existing:$6$vZY4TS+/HBxHw38S$vvjVFECzb8dyuu/mruD2QKTfdFn0WmKxbc+1TsdB0L8EdHk3v9JRmfjHd56+VaTnUcSZOZ/hzkdvWCtxlX7AUQ==
				imp-plain:password
				bad/name:$6$vZY4TS+/HBxHw38S$vvjVFECzb8dyuu/mruD2QKTfdFn0WmKxbc+1TsdB0L8EdHk3v9JRmfjHd56+VaTnUcSZOZ/hzkdvWCtxlX7AUQ==
				""";
		Response report = this.api.postText("/api/v1/users/import", file);
		assertThat(report.status()).isEqualTo(200);
		assertThat(report.json().get("created").asInt()).isEqualTo(1);
		assertThat(report.json().get("updated").asInt()).isEqualTo(1);
		assertThat(report.json().get("rejected").asInt()).isEqualTo(2);
		assertThat(report.json().get("errors").get(0).get("line").asInt()).isEqualTo(4);
		assertThat(hash("imp-admin")).startsWith("$7$101$Ezuo4G1TqYtTQDL/$");
		assertThat(hash("imp-existing")).startsWith("$6$");
		Response again = this.api.postText("/api/v1/users/import", file);
		assertThat(again.json().get("unchanged").asInt()).isEqualTo(2);
	}

	private String hash(String username) {
		return this.jdbc.sql("SELECT password_hash FROM mqtt_user WHERE username = :u")
			.param("u", username)
			.query(String.class)
			.single();
	}

}
