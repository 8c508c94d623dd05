package dev.mqttstack.admin.console;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import dev.mqttstack.admin.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A VIEWER in the console, in headless Chromium: every page without a write control, and
 * a write attempted anyway (a direct POST with the session and a valid CSRF token)
 * refused with 403 by the server.
 */
class ConsoleViewerBrowserTests extends ConsoleBrowserTestSupport {

	/** A POST from the page's own origin with the session and the CSRF token. */
	private static final String POST = """
			const [url, body, done] = arguments;
			const token = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN=')).substring(11);
			fetch(url, { method: 'POST', credentials: 'same-origin', body,
				headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': decodeURIComponent(token) } })
				.then((r) => r.text().then((t) => done({ status: r.status, body: t })));
			""";

	@Test
	void viewerSeesNoWriteControlsOnAnyPage() {
		signInAsViewer();
		assertThat(browser.find(By.id("role")).getText()).isEqualTo("VIEWER");
		Map<String, String> loaded = Map.of("users", "users", "acl", "acl-rules", "sessions", "sessions", "retained",
				"retained");
		for (String page : List.of("users", "acl", "sessions", "retained")) {
			browser.page(page);
			browser.find(By.id(loaded.get(page)));
			assertThat(browser.driver().findElements(By.cssSelector(".write"))).as(page).isEmpty();
		}
		browser.page("topics");
		browser.until((driver) -> driver.findElement(By.id("topics-status")).getText().startsWith("live"));
		assertThat(browser.driver().findElements(By.cssSelector(".write, #publish"))).isEmpty();
	}

	@Test
	void viewerWriteIsRefusedByTheServerEvenWithAValidCsrfToken() {
		signInAsViewer();
		Map<?, ?> check = post("/api/v1/acl/check",
				"{\"username\":\"x\",\"clientId\":\"y\",\"action\":\"publish\",\"topic\":\"a\"}");
		assertThat(check.get("status")).as("a read-only POST with the same token passes CSRF").isEqualTo(200L);
		Map<?, ?> create = post("/api/v1/users", "{\"username\":\"by-viewer\",\"password\":\"pw-secret\"}");
		assertThat(create.get("status")).isEqualTo(403L);
		assertThat((String) create.get("body")).contains("https://mqttstack.dev/problems/forbidden");
		assertThat(post("/api/v1/publish", "{\"topic\":\"console/viewer\",\"payload\":\"x\"}").get("status"))
			.isEqualTo(403L);
		assertThat(this.api.get("/api/v1/users/by-viewer").status()).isEqualTo(404);
	}

	private Map<?, ?> post(String url, String body) {
		return (Map<?, ?>) browser.executeAsync(POST, url, body);
	}

	private void signInAsViewer() {
		ApiClient.Response created = this.api.post("/api/v1/admins",
				"{\"username\":\"console-viewer\",\"password\":\"viewer-password\",\"role\":\"VIEWER\"}");
		assertThat(created.status()).as(created.body()).isIn(201, 409);
		browser.signIn("console-viewer", "viewer-password");
	}

}
