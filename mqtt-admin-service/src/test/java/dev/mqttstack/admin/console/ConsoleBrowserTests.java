package dev.mqttstack.admin.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import dev.mqttstack.admin.ApiClient;
import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.testsupport.MosquittoClients;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web console in headless Chromium: signing in, the overview and the users page.
 */
class ConsoleBrowserTests extends ConsoleBrowserTestSupport {

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
		connectClient("console-overview-client", "console-overview");
		signInAsAdmin();
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
	void anEndedSessionTakesTheConsoleBackToTheLoginPage() {
		signInAsAdmin();
		browser.page("overview");
		// a session the server no longer knows, as after a restart or a timeout
		browser.driver().manage().addCookie(new Cookie("JSESSIONID", "ENDED0123456789ABCDEF", "/"));
		browser.driver().findElement(By.cssSelector("nav#nav a[data-page='users']")).click();
		browser.find(By.id("sign-in"));
		assertThat(browser.driver().getCurrentUrl()).endsWith("/console/login");
		// and with no session cookie at all
		signInAsAdmin();
		browser.page("overview");
		browser.driver().manage().deleteCookieNamed("JSESSIONID");
		browser.driver().findElement(By.cssSelector("nav#nav a[data-page='users']")).click();
		browser.find(By.id("sign-in"));
	}

	@Test
	void consoleFitsAPhoneScreen() {
		signInAsAdmin();
		browser.driver().manage().window().setSize(new Dimension(390, 844));
		try {
			browser.page("sessions");
			browser.find(By.id("sessions"));
			WebElement nav = browser.find(By.id("nav"));
			assertThat(nav.getSize().getHeight()).as("the navigation is one bar").isLessThan(80);
			Object pageWidth = ((JavascriptExecutor) browser.driver())
				.executeScript("return document.documentElement.scrollWidth");
			assertThat(((Number) pageWidth).intValue()).as("wide tables scroll inside the page")
				.isLessThanOrEqualTo(390);
		}
		finally {
			browser.driver().manage().window().setSize(new Dimension(1280, 800));
		}
	}

	@Test
	void adminCreatesAUserDisablesItAndFindsItBySearch() {
		signInAsAdmin();
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
		signInAsAdmin();
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

}
