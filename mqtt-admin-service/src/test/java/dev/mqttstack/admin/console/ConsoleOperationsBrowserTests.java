package dev.mqttstack.admin.console;

import java.time.Duration;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console's ACL rules, sessions, retained messages and audit log pages in headless
 * Chromium.
 */
class ConsoleOperationsBrowserTests extends ConsoleBrowserTestSupport {

	@Test
	void adminCreatesARuleThatTheCheckToolExplainsThenEditsAndDeletesIt() {
		signInAsAdmin();
		browser.page("acl");
		WebElement editor = browser.find(By.id("acl-edit"));
		editor.findElement(By.name("username")).sendKeys("acl-console-user");
		editor.findElement(By.name("topic")).sendKeys("console/acl/#");
		new Select(editor.findElement(By.name("action"))).selectByValue("publish");
		new Select(editor.findElement(By.name("permission"))).selectByValue("allow");
		WebElement priority = editor.findElement(By.name("priority"));
		priority.clear();
		priority.sendKeys("7");
		browser.find(By.id("acl-save")).click();
		WebElement row = browser.until(ExpectedConditions
			.presenceOfElementLocated(By.xpath("//table[@id='acl-rules']//tr[td/code='console/acl/#']")));
		String id = row.getAttribute("data-rule-id");
		assertThat(this.api.get("/api/v1/acl-rules/" + id).json().get("priority").asInt()).isEqualTo(7);

		WebElement check = browser.find(By.id("acl-check"));
		check.findElement(By.name("username")).sendKeys("acl-console-user");
		check.findElement(By.name("clientId")).sendKeys("any-client");
		new Select(check.findElement(By.name("action"))).selectByValue("publish");
		check.findElement(By.name("topic")).sendKeys("console/acl/x");
		check.findElement(By.cssSelector("button[type=submit]")).click();
		assertThat(browser.find(By.id("acl-check-permission")).getText()).isEqualTo("allow");
		assertThat(browser.find(By.cssSelector("tr.matched")).getAttribute("data-rule-id")).isEqualTo(id);

		browser.find(By.cssSelector("tr[data-rule-id='" + id + "'] button.edit")).click();
		new Select(editor.findElement(By.name("permission"))).selectByValue("deny");
		browser.find(By.id("acl-save")).click();
		browser.until(ExpectedConditions
			.textToBePresentInElementLocated(By.cssSelector("tr[data-rule-id='" + id + "'] td.deny"), "deny"));
		assertThat(this.api.get("/api/v1/acl-rules/" + id).json().get("permission").asString()).isEqualTo("deny");

		browser.find(By.cssSelector("tr[data-rule-id='" + id + "'] button.delete")).click();
		browser.until(ExpectedConditions.alertIsPresent()).accept();
		browser.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("tr[data-rule-id='" + id + "']")));
		assertThat(this.api.get("/api/v1/acl-rules/" + id).status()).isEqualTo(404);
	}

	@Test
	void adminSeesASessionsSubscriptionsAndKicksItsClient() {
		Mqtt5BlockingClient client = connectClient("console-kick-client", "console-kick");
		rule("console-kick", "console/kick/#", "subscribe", "allow");
		client.subscribeWith().topicFilter("console/kick/#").qos(MqttQos.AT_LEAST_ONCE).send();
		signInAsAdmin();
		browser.page("sessions");
		WebElement filters = browser.find(By.id("session-filters"));
		filters.findElement(By.name("clientId")).sendKeys("console-kick");
		filters.findElement(By.cssSelector("button[type=submit]")).click();
		WebElement row = browser.find(By.cssSelector("tr[data-client-id='console-kick-client']"));
		assertThat(row.getText()).contains("connected").contains("console-kick");
		row.findElement(By.cssSelector("button.details")).click();
		assertThat(browser.find(By.id("session-subscriptions")).getText()).contains("console/kick/#");

		browser.find(By.cssSelector("tr[data-client-id='console-kick-client'] button.disconnect")).click();
		await().atMost(Duration.ofSeconds(15)).until(() -> !client.getState().isConnected());
		browser.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#view .flash"),
				"console-kick-client disconnected"));
	}

	@Test
	void adminBrowsesViewsAndDeletesARetainedMessage() {
		createSuperuser("console-retainer");
		assertThat(this.mosquitto
			.pub("-u", "console-retainer", "-P", "console-retainer-secret", "-q", "1", "-r", "-t",
					"console/retained/one", "-m", "{\"temperature\":21.5,\"unit\":\"C\"}")
			.awaitExit()).isZero();
		signInAsAdmin();
		browser.page("retained");
		WebElement filter = browser.find(By.cssSelector("#retained-filter input[name=topic]"));
		filter.clear();
		filter.sendKeys("console/retained/#");
		filter.submit();
		WebElement row = browser.find(By.cssSelector("tr[data-topic='console/retained/one']"));
		row.findElement(By.cssSelector("button.view")).click();
		WebElement payload = browser.find(By.cssSelector("#retained-detail pre.payload"));
		assertThat(payload.getAttribute("data-kind")).isEqualTo("json");
		assertThat(payload.getText()).contains("\"temperature\": 21.5,\n  \"unit\": \"C\"");

		browser.find(By.cssSelector("tr[data-topic='console/retained/one'] button.delete")).click();
		browser.until(ExpectedConditions.alertIsPresent()).accept();
		browser.until(ExpectedConditions
			.invisibilityOfElementLocated(By.cssSelector("tr[data-topic='console/retained/one']")));
		assertThat(this.api.get("/api/v1/retained?topic=console/retained/%23").json().get("totalElements").asInt())
			.isZero();
	}

	@Test
	void auditLogShowsAChangeMadeInTheConsoleWithTheAdminsName() {
		signInAsAdmin();
		browser.page("users");
		WebElement form = browser.find(By.id("user-create"));
		form.findElement(By.name("username")).sendKeys("audited-in-console");
		form.findElement(By.name("password")).sendKeys("audited-secret");
		form.findElement(By.cssSelector("button[type=submit]")).click();
		browser.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#view .flash"),
				"audited-in-console created"));
		browser.page("audit");
		WebElement filters = browser.find(By.id("audit-filters"));
		filters.findElement(By.name("targetId")).sendKeys("audited-in-console");
		filters.findElement(By.cssSelector("button[type=submit]")).click();
		browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit"), "audited-in-console"));
		String entry = browser.find(By.cssSelector("#audit tbody tr")).getText();
		assertThat(entry).contains("admin").contains("audited-in-console").doesNotContain("audited-secret");
	}

}
