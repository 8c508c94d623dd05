package dev.mqttstack.admin.persistence;

/**
 * The crash-restart scenario on the packaged Spring Boot jar with {@code java -jar}, as
 * an operator runs it: the embedded PostgreSQL binaries, the Flyway migrations and the
 * application load from nested jars. Failsafe runs it in {@code ./mvnw verify}, after
 * {@code package}, and names the jar in the system property
 * {@value ServiceProcess.Launch#JAR_PROPERTY}; without it the test fails and says how to
 * run it.
 */
class EmbeddedCrashRestartIT extends EmbeddedCrashRestartScenario {

	@Override
	ServiceProcess.Launch launch() {
		return ServiceProcess.Launch.packagedJar();
	}

}
