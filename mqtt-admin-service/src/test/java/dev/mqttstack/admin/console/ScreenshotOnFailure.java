package dev.mqttstack.admin.console;

import java.nio.file.Path;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Saves what the browser shows when a test fails, to
 * {@code target/console-screenshots/<class>.<test>.png}.
 */
final class ScreenshotOnFailure implements TestWatcher {

	private final Supplier<ConsoleBrowser> browser;

	ScreenshotOnFailure(Supplier<ConsoleBrowser> browser) {
		this.browser = browser;
	}

	@Override
	public void testFailed(ExtensionContext context, Throwable cause) {
		ConsoleBrowser current = this.browser.get();
		if (current != null) {
			Path file = Path.of("target", "console-screenshots", context.getRequiredTestClass().getSimpleName() + "."
					+ context.getRequiredTestMethod().getName() + ".png");
			current.screenshot(file);
			System.err.println("Screenshot of the failed test: " + file.toAbsolutePath());
		}
	}

}
