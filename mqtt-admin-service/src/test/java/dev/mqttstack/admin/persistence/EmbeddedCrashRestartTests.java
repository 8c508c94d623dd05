package dev.mqttstack.admin.persistence;

/**
 * The crash-restart scenario with the service's main class on the test's class path: the
 * fast check that runs with the unit tests ({@link EmbeddedCrashRestartIT} runs it on the
 * packaged jar).
 */
class EmbeddedCrashRestartTests extends EmbeddedCrashRestartScenario {

	@Override
	ServiceProcess.Launch launch() {
		return ServiceProcess.Launch.classPath();
	}

}
