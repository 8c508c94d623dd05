package dev.mqttstack.broker.testsupport;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;

/**
 * HiveMQ MQTT clients (MQTT 5 and 3.1.1) of a test broker on loopback, not yet connected,
 * and their quiet clean-up.
 */
public final class HiveMqClients {

	private HiveMqClients() {
	}

	public static Mqtt5BlockingClient mqtt5(int port, String clientId) {
		return mqtt5Builder(port, clientId).buildBlocking();
	}

	/** The builder of an MQTT 5 client on loopback, for more settings (TLS, auth). */
	public static Mqtt5ClientBuilder mqtt5Builder(int port, String clientId) {
		return MqttClient.builder().useMqttVersion5().identifier(clientId).serverHost("127.0.0.1").serverPort(port);
	}

	public static Mqtt3BlockingClient mqtt3(int port, String clientId) {
		return MqttClient.builder()
			.useMqttVersion3()
			.identifier(clientId)
			.serverHost("127.0.0.1")
			.serverPort(port)
			.buildBlocking();
	}

	/** Disconnects if connected, ignoring a connection already gone. */
	public static void disconnectQuietly(Mqtt5BlockingClient client) {
		try {
			if (client.getState().isConnected()) {
				client.disconnect();
			}
		}
		catch (RuntimeException ex) {
			// already gone
		}
	}

	/** Disconnects if connected, ignoring a connection already gone. */
	public static void disconnectQuietly(Mqtt3BlockingClient client) {
		try {
			if (client.getState().isConnected()) {
				client.disconnect();
			}
		}
		catch (RuntimeException ex) {
			// already gone
		}
	}

}
