package dev.mqttstack.broker.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test class that runs Debian's {@code mosquitto_pub} and {@code mosquitto_sub}
 * (see {@link MosquittoClients}): when either is missing the class is skipped with a
 * printed {@code [SKIPPED] ClassName: reason} line, which {@code .ci/run} collects, and
 * under {@code CI=true} it fails instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(RequiresMosquittoClients.Check.class)
public @interface RequiresMosquittoClients {

	/**
	 * Looks for the binaries before anything of the class runs.
	 */
	final class Check implements BeforeAllCallback {

		@Override
		public void beforeAll(ExtensionContext context) {
			List<String> missing = MosquittoClients.missing();
			if (missing.isEmpty()) {
				return;
			}
			String reason = "missing " + String.join(" and ", missing) + " on the PATH (or in -D"
					+ MosquittoClients.DIRECTORY_PROPERTY + "); install Debian's mosquitto-clients";
			MosquittoClients.skipOrFail(context.getRequiredTestClass().getSimpleName(), reason);
		}

	}

}
