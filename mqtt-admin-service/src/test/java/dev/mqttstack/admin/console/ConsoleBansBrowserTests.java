package dev.mqttstack.admin.console;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import dev.mqttstack.admin.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The console's bans page in headless Chromium: a ban made there disconnects a connected
 * MQTT client and refuses its reconnect until it is lifted there; a VIEWER sees the bans
 * without a control that writes.
 */
class ConsoleBansBrowserTests extends ConsoleBrowserTestSupport {

	private static final String CLIENT_ID = "console-banned-client";

	@Test
	void adminBansAClientIdWhichDisconnectsTheClientAndRefusesItUntilTheBanIsLifted() {
		Mqtt5BlockingClient client = connectClient(CLIENT_ID, "console-banned");
		LocalDateTime expiry = LocalDateTime.now().plusDays(1).truncatedTo(ChronoUnit.MINUTES);
		signInAsAdmin();
		browser.page("bans");
		WebElement form = browser.find(By.id("ban-create"));
		new Select(form.findElement(By.name("kind"))).selectByValue("CLIENT_ID");
		form.findElement(By.name("value")).sendKeys(CLIENT_ID);
		form.findElement(By.name("reason")).sendKeys("flooding from the console");
		// a datetime-local field takes its value in one format whatever the browser's
		// locale
		((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1]",
				form.findElement(By.name("expiresAt")),
				expiry.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")));
		form.findElement(By.cssSelector("button[type=submit]")).click();
		browser.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#view .flash"),
				CLIENT_ID + " banned"));
		WebElement row = browser.find(By.cssSelector("tr[data-value='" + CLIENT_ID + "']"));
		assertThat(row.getText()).contains("Client id").contains("flooding from the console").contains("active");
		String id = row.getAttribute("data-ban-id");
		try {
			JsonNode ban = this.api.get("/api/v1/banned/" + id).json();
			assertThat(ban.get("kind").asString()).isEqualTo("CLIENT_ID");
			assertThat(Instant.parse(ban.get("expiresAt").asString()))
				.isEqualTo(expiry.atZone(ZoneId.systemDefault()).toInstant());

			await().atMost(Duration.ofSeconds(15)).until(() -> !client.getState().isConnected());
			assertThatExceptionOfType(Mqtt5ConnAckException.class).isThrownBy(client::connect)
				.satisfies((refused) -> assertThat(refused.getMqttMessage().getReasonCode())
					.isEqualTo(Mqtt5ConnAckReasonCode.BANNED));

			browser.find(By.cssSelector("tr[data-ban-id='" + id + "'] button.delete")).click();
			browser.until(ExpectedConditions.alertIsPresent()).accept();
			browser
				.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("tr[data-ban-id='" + id + "']")));
			assertThat(this.api.get("/api/v1/banned/" + id).status()).isEqualTo(404);
			assertThat(client.connect().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
		}
		finally {
			this.api.delete("/api/v1/banned/" + id);
		}
	}

	@Test
	void viewerSeesTheBansWithoutAnyWriteControl() {
		ApiClient.Response ban = this.api.post("/api/v1/banned",
				"{\"kind\":\"ADDRESS\",\"value\":\"198.51.100.0/24\",\"reason\":\"seen by a viewer\"}");
		assertThat(ban.status()).as(ban.body()).isEqualTo(201);
		String id = ban.json().get("id").asString();
		try {
			ApiClient.Response created = this.api.post("/api/v1/admins",
					"{\"username\":\"console-ban-viewer\",\"password\":\"viewer-password\",\"role\":\"VIEWER\"}");
			assertThat(created.status()).as(created.body()).isIn(201, 409);
			browser.signIn("console-ban-viewer", "viewer-password");
			browser.page("bans");
			WebElement row = browser.find(By.cssSelector("tr[data-ban-id='" + id + "']"));
			assertThat(row.getText()).contains("198.51.100.0/24").contains("seen by a viewer").contains("never");
			assertThat(browser.driver().findElements(By.cssSelector(".write, #ban-create, button.delete"))).isEmpty();
		}
		finally {
			this.api.delete("/api/v1/banned/" + id);
		}
	}

}
