package dev.mqttstack.admin.broker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import dev.mqttstack.admin.user.MqttUserChangedEvent;

/**
 * Listener that disconnects a user's clients once a change to their credentials or rights
 * is committed, so they reconnect under the new state.
 */
@Component
class ClientDisconnector {

	private static final Logger logger = LoggerFactory.getLogger(ClientDisconnector.class);

	private final ConnectedClients clients;

	ClientDisconnector(ConnectedClients clients) {
		this.clients = clients;
	}

	@Order(1)
	@TransactionalEventListener(fallbackExecution = true)
	void onUserChanged(MqttUserChangedEvent event) {
		if (event.disconnectClients()) {
			int count = this.clients.disconnectUser(event.username());
			if (count > 0) {
				logger.info("Disconnected {} client(s) of MQTT user '{}' after a change", count, event.username());
			}
		}
	}

}
