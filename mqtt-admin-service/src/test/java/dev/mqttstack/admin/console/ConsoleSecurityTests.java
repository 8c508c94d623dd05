package dev.mqttstack.admin.console;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.mqttstack.admin.AdminServiceTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's security chain over plain HTTP: form login with a session and CSRF
 * tokens, secure headers and logout, while {@code /api/**} with HTTP Basic stays
 * stateless and token-free.
 */
@AdminServiceTest
class ConsoleSecurityTests {

	private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@LocalServerPort
	private int port;

	private CookieManager cookies;

	private HttpClient http;

	@BeforeEach
	void setUp() {
		this.cookies = new CookieManager();
		this.http = HttpClient.newBuilder()
			.cookieHandler(this.cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@Test
	void rootAndConsoleWithoutASessionRedirectToTheLoginPage() throws Exception {
		HttpResponse<String> root = send(get("/"));
		assertThat(root.statusCode()).isEqualTo(302);
		assertThat(root.headers().firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith("/console"));
		HttpResponse<String> console = send(get("/console"));
		assertThat(console.statusCode()).isEqualTo(302);
		assertThat(console.headers().firstValue("Location"))
			.hasValueSatisfying((l) -> assertThat(l).endsWith("/console/login"));
	}

	@Test
	void consoleEndpointsWithoutASessionAnswerAProblemWithoutABasicChallenge() throws Exception {
		HttpResponse<String> overview = send(get("/console/api/overview"));
		assertThat(overview.statusCode()).isEqualTo(401);
		assertThat(overview.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(overview.headers().firstValue("WWW-Authenticate")).isEmpty();
	}

	@Test
	void loginWithoutTheCsrfTokenIsRefused() throws Exception {
		send(get("/console/login"));
		HttpResponse<String> login = send(
				form("/console/login", "username=admin&password=" + encode(AdminServiceTest.ADMIN_PASSWORD)));
		assertThat(login.statusCode()).isEqualTo(403);
		assertThat(send(get("/console")).statusCode()).isEqualTo(302);
	}

	@Test
	void sessionCallsToTheApiNeedTheCsrfTokenFromTheCookie() throws Exception {
		signIn();
		String body = "{\"username\":\"csrf-user\",\"password\":\"csrf-secret\"}";
		HttpResponse<String> forged = send(json("/api/v1/users", body).build());
		assertThat(forged.statusCode()).as("no token: what a forged cross-site request sends").isEqualTo(403);
		HttpResponse<String> wrong = send(json("/api/v1/users", body).header("X-XSRF-TOKEN", "guessed").build());
		assertThat(wrong.statusCode()).isEqualTo(403);
		HttpResponse<String> created = send(json("/api/v1/users", body).header("X-XSRF-TOKEN", xsrfCookie()).build());
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(send(get("/api/v1/users/csrf-user")).statusCode()).isEqualTo(200);
	}

	@Test
	void consoleCallsWithoutASessionAreRefusedWithoutABasicChallenge() throws Exception {
		HttpResponse<String> read = send(
				HttpRequest.newBuilder(uri("/api/v1/users")).header("X-Requested-With", "XMLHttpRequest").build());
		assertThat(read.statusCode()).isEqualTo(401);
		assertThat(read.headers().firstValue("WWW-Authenticate")).isEmpty();
		HttpResponse<String> write = send(json("/api/v1/users", "{\"username\":\"no-session\",\"password\":\"pw\"}")
			.header("X-Requested-With", "XMLHttpRequest")
			.build());
		assertThat(write.statusCode()).isIn(401, 403);
	}

	@Test
	void httpBasicApiCallsStayStatelessAndNeedNoToken() throws Exception {
		String basic = "Basic " + java.util.Base64.getEncoder()
			.encodeToString(("admin:" + AdminServiceTest.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> created = send(json("/api/v1/users", "{\"username\":\"basic-user\",\"password\":\"pw\"}")
			.header("Authorization", basic)
			.build());
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(created.headers().allValues("Set-Cookie")).isEmpty();
		HttpResponse<String> wrong = send(HttpRequest.newBuilder(uri("/api/v1/users"))
			.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("admin:nope".getBytes()))
			.build());
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(wrong.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((v) -> assertThat(v).startsWith("Basic"));
	}

	@Test
	void consolePagesSendSecureHeaders() throws Exception {
		HttpResponse<String> login = send(get("/console/login"));
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				(csp) -> assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'"));
		assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
	}

	@Test
	void logoutEndsTheSession() throws Exception {
		signIn();
		assertThat(send(get("/console/api/overview")).statusCode()).isEqualTo(200);
		HttpResponse<String> logout = send(HttpRequest.newBuilder(uri("/console/logout"))
			.header("X-XSRF-TOKEN", xsrfCookie())
			.POST(BodyPublishers.noBody())
			.build());
		assertThat(logout.statusCode()).isEqualTo(302);
		assertThat(logout.headers().firstValue("Location"))
			.hasValueSatisfying((l) -> assertThat(l).endsWith("/console/login?logout"));
		assertThat(send(get("/console/api/overview")).statusCode()).isEqualTo(401);
	}

	private void signIn() throws Exception {
		HttpResponse<String> page = send(get("/console/login"));
		Matcher token = CSRF_FIELD.matcher(page.body());
		assertThat(token.find()).as(page.body()).isTrue();
		HttpResponse<String> login = send(form("/console/login", "username=admin&password="
				+ encode(AdminServiceTest.ADMIN_PASSWORD) + "&_csrf=" + encode(token.group(1))));
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location"))
			.hasValueSatisfying((l) -> assertThat(l).endsWith("/console"));
		// the console page itself sets the XSRF-TOKEN cookie its scripts echo
		assertThat(send(get("/console")).statusCode()).isEqualTo(200);
	}

	private String xsrfCookie() {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals("XSRF-TOKEN"))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElseThrow();
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, BodyHandlers.ofString());
	}

	private HttpRequest get(String path) {
		return HttpRequest.newBuilder(uri(path)).header("Accept", "text/html,application/json").build();
	}

	private HttpRequest form(String path, String body) {
		return HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString(body))
			.build();
	}

	private HttpRequest.Builder json(String path, String body) {
		return HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body));
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
