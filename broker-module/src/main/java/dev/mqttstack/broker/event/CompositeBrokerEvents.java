package dev.mqttstack.broker.event;

import java.net.SocketAddress;
import java.util.List;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.ReasonCode;
import dev.mqttstack.broker.message.Message;

/**
 * Fans each broker event out to several listeners, in order.
 */
final class CompositeBrokerEvents implements BrokerEvents {

	private final List<BrokerEvents> listeners;

	CompositeBrokerEvents(List<BrokerEvents> listeners) {
		this.listeners = listeners;
	}

	@Override
	public void clientConnected(ClientInfo client, boolean sessionPresent) {
		this.listeners.forEach((listener) -> listener.clientConnected(client, sessionPresent));
	}

	@Override
	public void connectionRefused(String clientId, String username, SocketAddress remoteAddress,
			ReasonCode reasonCode) {
		this.listeners.forEach((listener) -> listener.connectionRefused(clientId, username, remoteAddress, reasonCode));
	}

	@Override
	public void clientDisconnected(ClientInfo client, DisconnectReason reason) {
		this.listeners.forEach((listener) -> listener.clientDisconnected(client, reason));
	}

	@Override
	public void subscribed(ClientInfo client, String topicFilter, int grantedQos) {
		this.listeners.forEach((listener) -> listener.subscribed(client, topicFilter, grantedQos));
	}

	@Override
	public void unsubscribed(ClientInfo client, String topicFilter) {
		this.listeners.forEach((listener) -> listener.unsubscribed(client, topicFilter));
	}

	@Override
	public void messageDropped(String clientId, Message message, DropReason reason) {
		this.listeners.forEach((listener) -> listener.messageDropped(clientId, message, reason));
	}

	@Override
	public void limitReached(Limit limit, String clientId, SocketAddress remoteAddress) {
		this.listeners.forEach((listener) -> listener.limitReached(limit, clientId, remoteAddress));
	}

}
