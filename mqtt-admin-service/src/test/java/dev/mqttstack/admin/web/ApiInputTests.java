package dev.mqttstack.admin.web;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.mqttstack.admin.AdminServiceTest;
import dev.mqttstack.admin.ApiClient;
import dev.mqttstack.admin.ApiClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input at the edges of the admin API: strings, user names, sizes and odd paths. */
@AdminServiceTest
class ApiInputTests {

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	private ApiClient admin;

	@BeforeEach
	void setUp() {
		this.admin = ApiClient.on(this.port).asAdmin();
	}

	@Test
	void aLoneSurrogateInAUserNameIsRefusedNamingTheFieldAndNotStoredAsQuestionMark() {
		Response response = this.admin.post("/api/v1/users", "{\"username\":\"ab\\ud800cd\",\"password\":\"pw\"}");
		assertValidationProblem(response, "username");
		assertThat(
				this.jdbc.sql("SELECT count(*) FROM mqtt_user WHERE username LIKE 'ab%cd'").query(Long.class).single())
			.isZero();
	}

	@Test
	void aLoneSurrogateInAnyStringFieldIsRefusedNamingTheField() {
		assertValidationProblem(
				this.admin.post("/api/v1/users", "{\"username\":\"surrogate-pw\",\"password\":\"\\udc00\"}"),
				"password");
		assertValidationProblem(
				this.admin.post("/api/v1/acl-rules",
						"{\"username\":\"x\",\"topic\":\"a/\\ud83d\",\"action\":\"all\",\"permission\":\"allow\"}"),
				"topic");
	}

	@ParameterizedTest
	@ValueSource(strings = { " ", "  ", " lead", "trail ", "in side", "${clientid}", "${username}", "a$b", "a+b", "a#b",
			"a/b", "tab\\tname", "{x}" })
	void userNamesOutsideTheDocumentedCharacterSetAreRefused(String username) {
		Response response = this.admin.post("/api/v1/users", "{\"username\":\"" + username + "\",\"password\":\"pw\"}");
		assertValidationProblem(response, "username");
	}

	@Test
	void userNamesOfLettersDigitsAndTheAllowedPunctuationAreAccepted() {
		Response response = this.admin.post("/api/v1/users",
				"{\"username\":\"Jürgen.o_k-1@site:7~\",\"password\":\"pw\"}");
		assertThat(response.status()).as(response.body()).isEqualTo(201);
	}

	@Test
	void aPasswordLongerThanAnMqttStringIsRefused() {
		String tooLong = "é".repeat(32_768);
		assertValidationProblem(
				this.admin.post("/api/v1/users", "{\"username\":\"long-pw\",\"password\":\"" + tooLong + "\"}"),
				"password");
		String fits = "x".repeat(65_535);
		assertThat(
				this.admin.post("/api/v1/users", "{\"username\":\"long-pw\",\"password\":\"" + fits + "\"}").status())
			.isEqualTo(201);
		assertValidationProblem(this.admin.patch("/api/v1/users/long-pw", "{\"password\":\"" + tooLong + "\"}"),
				"password");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1//users", "/api/v1/users;x=1", "/api/v1/users/..%2fadmins", "/api/v1/%2e%2e/users",
			"/api/v1/users/%2e%2e%2fx", "/api/v1/users/a%00b" })
	void oddPathsAreAnsweredWithProblemJson(String path) throws Exception {
		String[] response = rawGet(path);
		assertThat(response[0]).as(path + "\n" + response[1]).matches("HTTP/1.1 40[04].*");
		assertThat(response[1]).as(path + "\n" + response[1])
			.containsIgnoringCase("content-type: application/problem+json");
	}

	private void assertValidationProblem(Response response, String field) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("errors").findValuesAsString("field")).as(response.body()).contains(field);
	}

	/** A GET sent byte for byte as given, so no client normalises the path. */
	private String[] rawGet(String path) throws Exception {
		String token = Base64.getEncoder()
			.encodeToString(("admin:" + AdminServiceTest.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic " + token
					+ "\r\nAccept: */*\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			in.transferTo(all);
			String text = all.toString(StandardCharsets.UTF_8);
			int end = text.indexOf("\r\n");
			return new String[] { text.substring(0, Math.max(0, end)), text };
		}
	}

}
