package dev.mqttstack.broker.testsupport;

import java.util.function.Consumer;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import dev.mqttstack.broker.MqttBroker;

/**
 * Eclipse Paho (MQTT 3.1.1) clients connected to a test broker.
 */
public final class PahoClients {

	private PahoClients() {
	}

	public static MqttClient connect(MqttBroker broker, String clientId) {
		return connect(broker, clientId, (options) -> {
		});
	}

	public static MqttClient connect(MqttBroker broker, String clientId, boolean cleanSession) {
		return connect(broker, clientId, (options) -> options.setCleanSession(cleanSession));
	}

	public static MqttClient connect(MqttBroker broker, String clientId, Consumer<MqttConnectOptions> customizer) {
		try {
			MqttClient client = create(broker, clientId);
			client.connect(options(customizer));
			return client;
		}
		catch (MqttException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static MqttClient create(MqttBroker broker, String clientId) throws MqttException {
		return new MqttClient(TestBrokers.tcpUrl(broker), clientId, new MemoryPersistence());
	}

	public static MqttConnectOptions options(Consumer<MqttConnectOptions> customizer) {
		MqttConnectOptions options = new MqttConnectOptions();
		options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
		options.setAutomaticReconnect(false);
		options.setConnectionTimeout(5);
		options.setMaxInflight(1000);
		customizer.accept(options);
		return options;
	}

	/** Disconnects and closes quietly, for clean-up. */
	public static void closeQuietly(MqttClient... clients) {
		for (MqttClient client : clients) {
			if (client == null) {
				continue;
			}
			try {
				if (client.isConnected()) {
					client.disconnect(1000);
				}
			}
			catch (MqttException ex) {
				// best effort
			}
			try {
				client.close(true);
			}
			catch (MqttException ex) {
				// best effort
			}
		}
	}

}
