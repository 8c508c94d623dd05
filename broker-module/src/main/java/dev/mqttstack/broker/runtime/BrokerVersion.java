package dev.mqttstack.broker.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Reader of the broker's version from the {@code broker.properties} the build writes
 * beside {@code MqttBroker}.
 */
public final class BrokerVersion {

	private BrokerVersion() {
	}

	/**
	 * Reads the version.
	 * @return the version, or {@code unknown} when the build wrote none
	 */
	public static String read() {
		try (InputStream in = BrokerVersion.class.getResourceAsStream("/dev/mqttstack/broker/broker.properties")) {
			Properties properties = new Properties();
			if (in != null) {
				properties.load(in);
			}
			return properties.getProperty("version", "unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}
