package dev.mqttstack.broker.standalone;

import org.slf4j.Logger;

import sun.misc.Signal;

/**
 * Reloads the password and ACL files on SIGHUP, as mosquitto does; a file with an error
 * is reported and the files in use stay.
 */
final class ReloadSignal {

	private ReloadSignal() {
	}

	static void install(StandaloneBroker assembly, Logger logger) {
		try {
			Signal.handle(new Signal("HUP"), (signal) -> {
				try {
					assembly.reload();
					logger.info("Reloaded password_file and acl_file on SIGHUP");
				}
				catch (ConfException ex) {
					logger.error("Reload on SIGHUP failed, the files in use stay: {}", ex.getMessage());
				}
			});
		}
		catch (IllegalArgumentException ex) {
			logger.info("No SIGHUP on this platform: password_file and acl_file are read at start only");
		}
	}

}
