package dev.mqttstack.admin.acl;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.mqttstack.admin.AdminServiceTest;
import dev.mqttstack.admin.ApiClient;
import dev.mqttstack.admin.ApiClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

@AdminServiceTest
class AclRuleApiTests {

	@LocalServerPort
	private int port;

	private ApiClient api;

	@BeforeEach
	void setUp() {
		this.api = ApiClient.on(this.port).asAdmin();
	}

	@Test
	void rulesAreCreatedReadReplacedListedByUsernameAndDeleted() {
		Response created = this.api.post("/api/v1/acl-rules",
				"""
						{"username":"acl-crud","topic":"crud/${clientid}/#","action":"publish","permission":"allow","priority":3}""");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		long id = created.json().get("id").asLong();
		assertThat(created.headers().getLocation()).hasPath("/api/v1/acl-rules/" + id);
		assertThat(created.json().get("clientId").isNull()).isTrue();
		assertThat(created.json().get("action").asString()).isEqualTo("publish");
		Response replaced = this.api.put("/api/v1/acl-rules/" + id, """
				{"username":"acl-crud","topic":"crud/#","action":"all","permission":"deny"}""");
		assertThat(replaced.status()).isEqualTo(200);
		assertThat(replaced.json().get("permission").asString()).isEqualTo("deny");
		assertThat(replaced.json().get("priority").asInt()).isZero();
		Response listed = this.api.get("/api/v1/acl-rules?username=acl-crud");
		assertThat(listed.json()).hasSize(1);
		assertThat(listed.json().get(0).get("topic").asString()).isEqualTo("crud/#");
		assertThat(this.api.delete("/api/v1/acl-rules/" + id).status()).isEqualTo(204);
		Response gone = this.api.get("/api/v1/acl-rules/" + id);
		assertThat(gone.status()).isEqualTo(404);
		assertThat(gone.json().get("type").asString()).isEqualTo("https://mqttstack.dev/problems/acl-rule-not-found");
	}

	@Test
	void invalidRulesAreFieldErrorsAndDuplicatesConflict() {
		Response badAction = this.api.post("/api/v1/acl-rules", """
				{"topic":"a","action":"read","permission":"allow"}""");
		assertThat(badAction.status()).isEqualTo(400);
		assertThat(badAction.json().get("errors").get(0).get("field").asString()).isEqualTo("action");
		Response badTopic = this.api.post("/api/v1/acl-rules", """
				{"topic":"a/#/b","action":"all","permission":"allow"}""");
		assertThat(badTopic.status()).isEqualTo(400);
		assertThat(badTopic.json().get("errors").get(0).get("field").asString()).isEqualTo("topic");
		Response partialPlaceholder = this.api.post("/api/v1/acl-rules", """
				{"topic":"a/x${username}","action":"all","permission":"allow"}""");
		assertThat(partialPlaceholder.status()).isEqualTo(400);
		String rule = """
				{"username":"acl-dup","topic":"dup/#","action":"all","permission":"allow"}""";
		assertThat(this.api.post("/api/v1/acl-rules", rule).status()).isEqualTo(201);
		Response duplicate = this.api.post("/api/v1/acl-rules", rule);
		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.json().get("type").asString())
			.isEqualTo("https://mqttstack.dev/problems/acl-rule-already-exists");
		Response malformed = this.api.post("/api/v1/acl-rules", "{not json");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.contentType()).startsWith("application/problem+json");
	}

	@Test
	void checkExplainsEveryDecision() {
		this.api.post("/api/v1/users", """
				{"username":"acl-check-root","password":"pw","superuser":true}""");
		Response rule = this.api.post("/api/v1/acl-rules",
				"""
						{"username":"acl-check","topic":"check/${username}/#","action":"publish","permission":"allow","priority":1}""");
		Response allowed = this.api.post("/api/v1/acl/check", """
				{"username":"acl-check","clientId":"c1","action":"publish","topic":"check/acl-check/x"}""");
		assertThat(allowed.status()).isEqualTo(200);
		assertThat(allowed.json().get("permission").asString()).isEqualTo("allow");
		assertThat(allowed.json().get("matchedRule").get("id").asLong()).isEqualTo(rule.json().get("id").asLong());
		Response denied = this.api.post("/api/v1/acl/check", """
				{"username":"acl-check","clientId":"c1","action":"subscribe","topic":"check/acl-check/#"}""");
		assertThat(denied.json().get("permission").asString()).isEqualTo("deny");
		assertThat(denied.json().get("matchedRule").isNull()).isTrue();
		assertThat(denied.json().get("reason").asString()).isEqualTo("no-match");
		Response superuser = this.api.post("/api/v1/acl/check", """
				{"username":"acl-check-root","clientId":"c1","action":"publish","topic":"$SYS/x"}""");
		assertThat(superuser.json().get("permission").asString()).isEqualTo("allow");
		assertThat(superuser.json().get("reason").asString()).isEqualTo("superuser");
		Response invalid = this.api.post("/api/v1/acl/check", """
				{"username":"acl-check","action":"publish","topic":"a/+"}""");
		assertThat(invalid.status()).isEqualTo(400);
	}

	@Test
	void mosquittoAclFileImportsUsersTopicsAndPatterns() {
		String file = """
				# mosquitto acl_file
				topic read public/#

				user acl-file
				topic readwrite acl-file/#
				topic read news/#
				topic write reports/acl-file
				topic deny news/secret

				pattern write devices/%c/state
				pattern readwrite users/%u/#
				pattern read bad/x%u
				frobnicate
				""";
		Response report = this.api.postText("/api/v1/acl-rules/import", file);
		assertThat(report.status()).as(report.body()).isEqualTo(200);
		assertThat(report.json().get("created").asInt()).isEqualTo(6);
		assertThat(report.json().get("rejected").asInt()).isEqualTo(3);
		assertThat(check("acl-file", "c9", "subscribe", "news/#")).isEqualTo("allow");
		assertThat(check("acl-file", "c9", "receive", "news/secret")).isEqualTo("deny");
		assertThat(check("acl-file", "c9", "publish", "news/today")).isEqualTo("deny");
		assertThat(check("acl-file", "c9", "publish", "reports/acl-file")).isEqualTo("allow");
		assertThat(check("someone", "dev-1", "publish", "devices/dev-1/state")).isEqualTo("allow");
		assertThat(check("someone", "dev-1", "publish", "devices/dev-2/state")).isEqualTo("deny");
		assertThat(check("someone", "dev-1", "subscribe", "users/someone/#")).isEqualTo("allow");
		Response again = this.api.postText("/api/v1/acl-rules/import", file);
		assertThat(again.json().get("unchanged").asInt()).isEqualTo(6);
		assertThat(again.json().get("created").asInt()).isZero();
	}

	private String check(String username, String clientId, String action, String topic) {
		Response response = this.api.post("/api/v1/acl/check", "{\"username\":\"" + username + "\",\"clientId\":\""
				+ clientId + "\",\"action\":\"" + action + "\",\"topic\":\"" + topic + "\"}");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().get("permission").asString();
	}

}
