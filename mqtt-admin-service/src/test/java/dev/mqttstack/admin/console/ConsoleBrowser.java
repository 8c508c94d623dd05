package dev.mqttstack.admin.console;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.function.Function;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * Debian's headless {@code chromium} driven through {@code chromedriver} (Selenium) on
 * the console of a service on a local port: one browser for a whole test class, with a
 * fresh profile and every background connection off (the build machine's network refuses
 * them). When either binary is missing the class is skipped with a printed
 * {@code [SKIPPED]} line.
 */
final class ConsoleBrowser implements AutoCloseable {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Duration WAIT = Duration.ofSeconds(15);

	private final ChromeDriver driver;

	private final Path profile;

	private final String base;

	private ConsoleBrowser(ChromeDriver driver, Path profile, String base) {
		this.driver = driver;
		this.profile = profile;
		this.base = base;
	}

	/**
	 * Starts the browser, or skips the calling class when chromium or chromedriver is
	 * missing.
	 * @param who the test class, for the {@code [SKIPPED]} line
	 * @param httpPort the service's HTTP port
	 * @return the browser, 1280×800
	 */
	static ConsoleBrowser startOrSkip(String who, int httpPort) {
		List<Path> missing = List.of(CHROMIUM, CHROMEDRIVER).stream().filter((p) -> !Files.isExecutable(p)).toList();
		if (!missing.isEmpty()) {
			String reason = "missing " + missing + "; install Debian's chromium and chromium-driver (.ci/run does)";
			System.out.println("[SKIPPED] " + who + ": " + reason);
			Assumptions.abort(reason);
		}
		try {
			Path profile = Files.createTempDirectory("console-chromium");
			ChromeOptions options = new ChromeOptions();
			options.setBinary(CHROMIUM.toFile());
			options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,800", "--lang=en-US");
			// the page's console (script errors, CSP violations) for pageErrors()
			options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
			ChromeDriverService service = new ChromeDriverService.Builder()
				.usingDriverExecutable(new File(CHROMEDRIVER.toString()))
				.usingAnyFreePort()
				.build();
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().window().setSize(new Dimension(1280, 800));
			return new ConsoleBrowser(driver, profile, "http://127.0.0.1:" + httpPort);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	WebDriver driver() {
		return this.driver;
	}

	String base() {
		return this.base;
	}

	/** Goes to a path of the service. */
	void open(String path) {
		this.driver.get(this.base + path);
	}

	/** Forgets the session and signs in on the login page, landing on the overview. */
	void signIn(String username, String password) {
		this.driver.manage().deleteAllCookies();
		open("/console/login");
		find(By.id("username")).sendKeys(username);
		find(By.id("password")).sendKeys(password);
		find(By.id("sign-in")).click();
		until(ExpectedConditions.textToBePresentInElementLocated(By.id("user"), username));
	}

	/** Shows one page of the console: {@code overview}, {@code users}, .... */
	void page(String name) {
		if (!this.driver.getCurrentUrl().startsWith(this.base + "/console")) {
			open("/console");
		}
		find(By.cssSelector("nav#nav a[data-page='" + name + "']")).click();
		until(ExpectedConditions.attributeToBe(By.id("view"), "data-page", name));
	}

	WebElement find(By by) {
		return until(ExpectedConditions.visibilityOfElementLocated(by));
	}

	<T> T until(Function<? super WebDriver, T> condition) {
		return new WebDriverWait(this.driver, WAIT).until(condition);
	}

	/**
	 * Runs a script in the page; {@code callback} is the last argument of async scripts.
	 */
	Object executeAsync(String script, Object... arguments) {
		return ((JavascriptExecutor) this.driver).executeAsyncScript(script, arguments);
	}

	/**
	 * Takes the errors the pages logged since the last call: script errors and blocked
	 * resources (a Content-Security-Policy violation), not HTTP error answers, which
	 * tests provoke on purpose.
	 * @return the messages
	 */
	List<String> pageErrors() {
		return this.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.filter((message) -> !message.contains("Failed to load resource: the server responded with a status of"))
			.toList();
	}

	/** Writes what the browser shows to a PNG file. */
	void screenshot(Path file) {
		try {
			Files.createDirectories(file.getParent());
			Files.write(file, ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("Could not write the screenshot " + file + ": " + ex);
		}
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			FileSystemUtils.deleteRecursively(this.profile.toFile());
		}
	}

}
