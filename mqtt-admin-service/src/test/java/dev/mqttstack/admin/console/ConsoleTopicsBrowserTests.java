package dev.mqttstack.admin.console;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import dev.mqttstack.broker.testsupport.MosquittoProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console's live topic explorer in headless Chromium: messages from
 * {@code mosquitto_pub} fill the topic tree (UTF-8 and JSON shown as such), and a message
 * published from the console reaches {@code mosquitto_sub} with its MQTT 5 properties.
 */
class ConsoleTopicsBrowserTests extends ConsoleBrowserTestSupport {

	private static final String CHINESE = "我发送消息了";

	@Test
	void messagePublishedWithMosquittoPubAppearsInTheTopicTree() {
		createSuperuser("console-publisher");
		signInAsAdmin();
		openExplorer();
		byte[] json = ("{\"text\":\"" + CHINESE + "\",\"n\":1}").getBytes(StandardCharsets.UTF_8);
		assertThat(this.mosquitto
			.pubWithMessageBytes(json, "-u", "console-publisher", "-P", "console-publisher-secret", "-q", "1", "-t",
					"console/tree/json")
			.awaitExit()).isZero();
		assertThat(this.mosquitto
			.pubWithMessageBytes(CHINESE.getBytes(StandardCharsets.UTF_8), "-u", "console-publisher", "-P",
					"console-publisher-secret", "-t", "console/tree/text")
			.awaitExit()).isZero();
		browser.find(By.cssSelector("#topic-tree .node[data-topic='console']"));
		browser.find(By.cssSelector("#topic-tree .node[data-topic='console/tree']"));
		WebElement text = browser.find(By.cssSelector("#topic-tree .node[data-topic='console/tree/text']"));
		assertThat(text.getText()).contains(CHINESE);
		browser.find(By.cssSelector("#topic-tree .node[data-topic='console/tree/json']")).click();
		browser.until(ExpectedConditions.textToBe(By.id("selected-topic"), "console/tree/json"));
		WebElement payload = browser.find(By.cssSelector("#topic-history pre.payload"));
		assertThat(payload.getAttribute("data-kind")).isEqualTo("json");
		assertThat(payload.getText()).isEqualTo("{\n  \"text\": \"" + CHINESE + "\",\n  \"n\": 1\n}");
		assertThat(browser.find(By.cssSelector("#topic-history .props")).getText()).contains("QoS 1");
	}

	@Test
	void messagePublishedFromTheConsoleReachesMosquittoSubWithItsProperties() {
		createSuperuser("console-subscriber");
		MosquittoProcess subscriber = this.mosquitto.sub("-d", "-V", "mqttv5", "-u", "console-subscriber", "-P",
				"console-subscriber-secret", "-i", "console-subscriber-1", "-q", "1", "-t", "console/from-browser",
				"-C", "1", "-W", "30", "-F", "%t|%q|%C|%p");
		// subscribed once the broker holds the subscription (mosquitto_sub's output is
		// buffered)
		await().atMost(Duration.ofSeconds(15))
			.until(() -> this.api.get("/api/v1/sessions/console-subscriber-1").json(),
					(session) -> session.has("subscriptionCount") && session.get("subscriptionCount").asInt() == 1);
		signInAsAdmin();
		openExplorer();
		WebElement form = browser.find(By.id("publish"));
		form.findElement(By.name("topic")).sendKeys("console/from-browser");
		form.findElement(By.name("payload")).sendKeys(CHINESE);
		new Select(form.findElement(By.name("qos"))).selectByValue("1");
		form.findElement(By.tagName("summary")).click();
		form.findElement(By.name("contentType")).sendKeys("text/plain; charset=utf-8");
		form.findElement(By.name("payloadFormatIndicator")).click();
		form.findElement(By.name("userProperties")).sendKeys("source=console");
		browser.find(By.id("publish-send")).click();
		assertThat(subscriber.awaitExit()).isZero();
		assertThat(subscriber.messages())
			.containsExactly("console/from-browser|1|text/plain; charset=utf-8|" + CHINESE);
		// the console sees its own message too
		browser.find(By.cssSelector("#topic-tree .node[data-topic='console/from-browser']")).click();
		// (the publisher id is the publish endpoint's business, not the console's)
		assertThat(browser.find(By.cssSelector("#topic-history .props")).getText()).contains("source=console")
			.contains("text/plain; charset=utf-8");
	}

	private void openExplorer() {
		browser.page("topics");
		browser.until(ExpectedConditions.textMatches(By.id("topics-status"), Pattern.compile("^live.*")));
	}

}
