package dev.mqttstack.admin.console;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.awaitility.Awaitility.await;

/**
 * Takes the README's screenshots of the console ({@code docs/console*.png}) with the
 * browser tests' machinery: the topic explorer and the overview at 1280×800, the explorer
 * on a phone-sized window. Not part of the build; run with
 * {@code ./mvnw -pl mqtt-admin-service -am test -Dtest=ConsoleScreenshotRunner
 * -Dsurefire.failIfNoSpecifiedTests=false -Dmqtt.console-screenshots=true}.
 */
@EnabledIfSystemProperty(named = "mqtt.console-screenshots", matches = "true")
class ConsoleScreenshotRunner extends ConsoleBrowserTestSupport {

	private static final Path DOCS = Path.of("..", "docs");

	@Test
	void takeScreenshots() {
		Mqtt5BlockingClient sensor = connectClient("sensor-17", "sensor");
		rule("sensor", "plant/#", "publish", "allow");
		rule("sensor", "plant/+/commands", "subscribe", "allow");
		sensor.subscribeWith().topicFilter("plant/+/commands").qos(MqttQos.AT_LEAST_ONCE).send();
		ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
		AtomicInteger sequence = new AtomicInteger();
		try {
			load.scheduleAtFixedRate(() -> {
				int n = sequence.incrementAndGet();
				publish(sensor, "plant/hall-1/temperature",
						"{\"celsius\":" + (20 + n % 5) + ".5,\"sensor\":\"sensor-17\",\"seq\":" + n + "}");
				publish(sensor, "plant/hall-1/humidity", Integer.toString(40 + n % 7));
				if (n % 3 == 0) {
					publish(sensor, "plant/hall-2/status", "{\"state\":\"running\",\"note\":\"我发送消息了\"}");
				}
			}, 0, 50, TimeUnit.MILLISECONDS);
			signInAsAdmin();
			browser.page("topics");
			browser.until(ExpectedConditions.textMatches(By.id("topics-status"), Pattern.compile("^live.*")));
			browser.find(By.cssSelector("#topic-tree .node[data-topic='plant/hall-2/status']")).click();
			browser.find(By.cssSelector("#topic-history pre.payload"));
			browser.screenshot(DOCS.resolve("console.png"));
			browser.page("overview");
			// half a minute of samples for the chart (tests time out after 60 s)
			await().atMost(Duration.ofSeconds(90))
				.until(() -> ((Number) ((JavascriptExecutor) browser.driver())
					.executeScript("const line = document.querySelector('#rate-chart polyline.in');"
							+ "return line ? line.getAttribute('points').split(' ').length : 0;"))
					.intValue() >= 16);
			browser.screenshot(DOCS.resolve("console-overview.png"));
			browser.driver().manage().window().setSize(new Dimension(390, 844));
			browser.page("topics");
			browser.find(By.cssSelector("#topic-tree .node[data-topic='plant/hall-1/temperature']")).click();
			browser.find(By.cssSelector("#topic-history pre.payload"));
			browser.screenshot(DOCS.resolve("console-phone.png"));
		}
		finally {
			load.shutdownNow();
			browser.driver().manage().window().setSize(new Dimension(1280, 800));
		}
	}

	private static void publish(Mqtt5BlockingClient client, String topic, String payload) {
		client.publishWith()
			.topic(topic)
			.payload(payload.getBytes(StandardCharsets.UTF_8))
			.contentType(payload.startsWith("{") ? "application/json" : "text/plain")
			.send();
	}

}
