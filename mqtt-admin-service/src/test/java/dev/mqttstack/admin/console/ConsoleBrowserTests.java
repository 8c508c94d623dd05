package dev.mqttstack.admin.console;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.mqttstack.admin.AdminServiceTest;
import dev.mqttstack.admin.ApiClient;
import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.testsupport.HiveMqClients;
import dev.mqttstack.broker.testsupport.MosquittoClients;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web console in headless Chromium against the whole service: signing in, the
 * overview, users, ACL rules, sessions, retained messages and the live topic explorer,
 * and what a VIEWER may do. One Spring context and one browser for the class.
 */
@AdminServiceTest
class ConsoleBrowserTests {

	private static ConsoleBrowser browser;

	@RegisterExtension
	static final ScreenshotOnFailure screenshots = new ScreenshotOnFailure(() -> browser);

	@LocalServerPort
	private int httpPort;

	@Autowired
	private MqttBroker broker;

	@TempDir
	private Path workDir;

	private ApiClient api;

	private MosquittoClients mosquitto;

	private Mqtt5BlockingClient client;

	@BeforeEach
	void setUp() {
		if (browser == null) {
			browser = ConsoleBrowser.startOrSkip(ConsoleBrowserTests.class.getSimpleName(), this.httpPort);
		}
		this.api = ApiClient.on(this.httpPort).asAdmin();
		this.mosquitto = new MosquittoClients(this.broker, this.workDir);
	}

	@AfterEach
	void tearDown() {
		this.mosquitto.close();
		if (this.client != null) {
			HiveMqClients.disconnectQuietly(this.client);
		}
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.close();
			browser = null;
		}
	}

	@Test
	void rootRedirectsToTheLoginPageAndAWrongPasswordIsRefused() {
		browser.driver().manage().deleteAllCookies();
		browser.open("/");
		assertThat(browser.find(By.id("sign-in")).isDisplayed()).isTrue();
		assertThat(browser.driver().getCurrentUrl()).endsWith("/console/login");
		browser.find(By.id("username")).sendKeys("admin");
		browser.find(By.id("password")).sendKeys("not-the-password");
		browser.find(By.id("sign-in")).click();
		assertThat(browser.find(By.id("login-error")).getText()).contains("Wrong user name or password");
	}

	@Test
	void overviewShowsClientsListenersVersionAndALiveRateChart() {
		createUser("console-overview", "overview-secret");
		this.client = HiveMqClients.mqtt5Builder(this.broker.port(), "console-overview-client")
			.simpleAuth()
			.username("console-overview")
			.password("overview-secret".getBytes(StandardCharsets.UTF_8))
			.applySimpleAuth()
			.buildBlocking();
		this.client.connect();
		browser.signIn("admin", AdminServiceTest.ADMIN_PASSWORD);
		browser.page("overview");
		browser.until((driver) -> Integer.parseInt(driver.findElement(By.id("clients")).getText()) >= 1);
		assertThat(browser.find(By.id("version")).getText()).isEqualTo(MqttBroker.VERSION);
		assertThat(browser.find(By.id("listeners")).getText()).contains(Integer.toString(this.broker.port()));
		assertThat(browser.find(By.id("uptime")).getText()).matches(".*\\d+h \\d+m \\d+s");
		// two samples make the first point of the chart: both lines are drawn
		browser.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#rate-chart polyline"), 2));
		assertThat(browser.find(By.id("rate-in")).getText()).matches("\\d+\\.\\d");
	}

	@Test
	void adminCreatesAUserDisablesItAndFindsItBySearch() {
		browser.signIn("admin", AdminServiceTest.ADMIN_PASSWORD);
		browser.page("users");
		createUser("someone-else", "x-secret");
		search("console-user");
		browser
			.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("tr[data-username='someone-else']")));
		WebElement form = browser.find(By.id("user-create"));
		form.findElement(By.name("username")).sendKeys("console-user-1");
		form.findElement(By.name("password")).sendKeys("console-secret");
		form.findElement(By.cssSelector("button[type=submit]")).click();
		WebElement row = browser.find(By.cssSelector("tr[data-username='console-user-1']"));
		assertThat(row.getText()).contains("enabled");
		assertThat(this.api.get("/api/v1/users/console-user-1").json().get("enabled").asBoolean()).isTrue();
		row.findElement(By.cssSelector("button.toggle")).click();
		browser.until(ExpectedConditions.textToBePresentInElementLocated(
				By.cssSelector("tr[data-username='console-user-1'] td:nth-child(3)"), "disabled"));
		assertThat(this.api.get("/api/v1/users/console-user-1").json().get("enabled").asBoolean()).isFalse();
		assertThat(browser.find(By.id("users")).getText()).doesNotContain("someone-else");
	}

	@Test
	void adminImportsAMosquittoPasswordFile() throws Exception {
		String passwd = MosquittoClients.require("mosquitto_passwd");
		Path file = this.workDir.resolve("passwords");
		Process process = new ProcessBuilder(passwd, "-c", "-b", file.toString(), "imported-user", "imported-secret")
			.redirectErrorStream(true)
			.start();
		assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isZero();
		browser.signIn("admin", AdminServiceTest.ADMIN_PASSWORD);
		browser.page("users");
		WebElement form = browser.find(By.id("user-import"));
		form.findElement(By.name("file")).sendKeys(Files.readString(file).strip());
		form.findElement(By.cssSelector("button[type=submit]")).click();
		browser.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#view .flash"), "1 created"));
		search("imported-user");
		browser.find(By.cssSelector("tr[data-username='imported-user']"));
	}

	private void search(String text) {
		WebElement search = browser.find(By.cssSelector("#user-search input[name=search]"));
		search.clear();
		search.sendKeys(text);
		search.submit();
	}

	private void createUser(String username, String password) {
		ApiClient.Response response = this.api.post("/api/v1/users",
				"{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
		assertThat(response.status()).as(response.body()).isIn(201, 409);
	}

	static List<String> texts(List<WebElement> elements) {
		return elements.stream().map(WebElement::getText).toList();
	}

}
