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
	 * Disconnects the client connected with a client identifier, if any; its session is
	 * kept as its clean-session flag and session expiry say.
	 * @param clientId the client identifier
	 * @return whether a client was connected and is being disconnected
	 */
	public boolean disconnect(String clientId) {
		if (!this.broker.isRunning()) {
			return false;
		}
		return this.broker.disconnectIf((client) -> client.clientId().equals(clientId)) > 0;
	}

	/**
	 * The connected clients.
	 * @return a snapshot, empty when the broker is not running
	 */
	public List<ClientInfo> list() {
		return this.broker.isRunning() ? this.broker.clients() : List.of();
	}

}
