package dev.mqttstack.admin.broker;

import java.util.List;
import java.util.Objects;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.MqttBroker;

/** The broker's connected clients, as the rest of the service sees and ends them. */
public class ConnectedClients {

	private final MqttBroker broker;

	public ConnectedClients(MqttBroker broker) {
		this.broker = broker;
	}

	/**
	 * Disconnects every client connected with a user name.
	 * @param username the user name
	 * @return how many were disconnected
	 */
	public int disconnectUser(String username) {
		if (!this.broker.isRunning()) {
			return 0;
		}
		return this.broker.disconnectIf((client) -> Objects.equals(client.username(), username));
	}

	/**
	 * The connected clients.
	 * @return a snapshot, empty when the broker is not running
	 */
	public List<ClientInfo> list() {
		return this.broker.isRunning() ? this.broker.clients() : List.of();
	}

}
