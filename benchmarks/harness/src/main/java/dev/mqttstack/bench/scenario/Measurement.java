package dev.mqttstack.bench.scenario;

/**
 * Told when a scenario's measured window opens and closes, so that a profiler records
 * only that window.
 */
public interface Measurement {

	/** Nothing happens around the window. */
	Measurement NONE = new Measurement() {
	};

	default void started() throws Exception {
	}

	default void ended() throws Exception {
	}

}
