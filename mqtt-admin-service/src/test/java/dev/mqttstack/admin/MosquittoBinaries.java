package dev.mqttstack.admin;

import java.io.File;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * Finder of Debian's mosquitto binaries for interop tests: a missing one skips the test
 * with a printed reason, except on CI ({@code CI=true}) where it fails it.
 */
public final class MosquittoBinaries {

	private MosquittoBinaries() {
	}

	/**
	 * The path of a binary on the {@code PATH}.
	 * @param name for example {@code mosquitto_pub}
	 * @return its absolute path
	 */
	public static String require(String name) {
		String path = System.getenv("PATH");
		if (path != null) {
			for (String directory : path.split(File.pathSeparator)) {
				File candidate = new File(directory, name);
				if (candidate.canExecute()) {
					return candidate.getAbsolutePath();
				}
			}
		}
		String reason = name + " is not installed (apt-get install mosquitto mosquitto-clients)";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			fail(reason + ", and CI=true requires the interop tests to run");
		}
		System.out.println("Skipping: " + reason);
		Assumptions.abort(reason);
		return null;
	}

}
