package dev.mqttstack.broker.standalone;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The settings a mosquitto.conf gave, before defaults: {@code null} or empty where the
 * file is silent. {@link MosquittoConfParser} fills it; {@link StandaloneBroker} turns it
 * into a broker.
 */
final class MosquittoConf {

	/** The {@code listener} blocks, in file order. */
	final List<ConfListener> listeners = new ArrayList<>();

	/**
	 * Listener settings given before any {@code listener} line: they apply to the default
	 * listener, opened only when the file has no {@code listener} line.
	 */
	final ConfListener defaultListener = new ConfListener("default listener", 1883, "127.0.0.1");

	/** Security settings for every listener ({@code per_listener_settings false}). */
	final ConfSecurity security = new ConfSecurity();

	boolean perListenerSettings;

	String perListenerSettingsLocation;

	Integer maxKeepalive;

	Integer maxPacketSize;

	Integer maxInflightMessages;

	Integer maxQueuedMessages;

	Integer messageSizeLimit;

	boolean retainAvailable = true;

	Integer sysInterval;

	/** The {@code log_type} values, in file order. */
	final Set<String> logTypes = new LinkedHashSet<>();

	/** One line per directive that was read but is not supported. */
	final List<String> warnings = new ArrayList<>();

	/**
	 * The slf4j-simple level of the broker's log that the {@code log_type} lines ask for.
	 * @return {@code debug}, {@code info}, {@code warn}, {@code error} or {@code off}
	 */
	String logLevel() {
		if (this.logTypes.isEmpty()) {
			return "info";
		}
		if (this.logTypes.contains("all") || this.logTypes.contains("debug")) {
			return "debug";
		}
		if (this.logTypes.contains("information") || this.logTypes.contains("notice")
				|| this.logTypes.contains("subscribe") || this.logTypes.contains("unsubscribe")
				|| this.logTypes.contains("websockets")) {
			return "info";
		}
		if (this.logTypes.contains("warning")) {
			return "warn";
		}
		return this.logTypes.contains("error") ? "error" : "off";
	}

}
