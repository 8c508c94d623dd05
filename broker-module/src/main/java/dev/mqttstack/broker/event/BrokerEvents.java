package dev.mqttstack.broker.event;

import java.net.SocketAddress;
import java.util.List;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.ReasonCode;
import dev.mqttstack.broker.message.Message;

/**
 * Listener for what happens in the broker: connections, subscriptions and messages it
 * could not deliver. Metrics, logs, audit and the admin API listen here.
 * <p>
 * Called on event loops: implementations must return quickly and never block. An
 * exception a listener throws is logged and otherwise ignored.
 */
public interface BrokerEvents {

	/** Listens to nothing. */
	BrokerEvents NONE = new BrokerEvents() {
	};

	/**
	 * A client completed CONNECT and received a successful CONNACK.
	 * @param client the client
	 * @param sessionPresent whether an existing session was resumed
	 */
	default void clientConnected(ClientInfo client, boolean sessionPresent) {
	}

	/**
	 * A CONNECT was refused.
	 * @param clientId the client identifier the client sent, possibly empty
	 * @param username the user name it sent, or {@code null}
	 * @param remoteAddress its peer address
	 * @param reasonCode why it was refused
	 */
	default void connectionRefused(String clientId, String username, SocketAddress remoteAddress,
			ReasonCode reasonCode) {
	}

	/**
	 * A connected client's connection ended.
	 * @param client the client
	 * @param reason why it ended
	 */
	default void clientDisconnected(ClientInfo client, DisconnectReason reason) {
	}

	/**
	 * A client subscribed to a topic filter.
	 * @param client the client
	 * @param topicFilter the filter
	 * @param grantedQos the QoS granted
	 */
	default void subscribed(ClientInfo client, String topicFilter, int grantedQos) {
	}

	/**
	 * A client unsubscribed from a topic filter.
	 * @param client the client
	 * @param topicFilter the filter
	 */
	default void unsubscribed(ClientInfo client, String topicFilter) {
	}

	/**
	 * A message was accepted for routing: published by a client (after authorization), a
	 * will, a {@code $SYS} update or the embedding application. Called once per message,
	 * before it is delivered, on the thread that routes it; the message and its payload
	 * must not be modified.
	 * @param message the message ({@link Message#publisherId()} names its publisher)
	 */
	default void messagePublished(Message message) {
	}

	/**
	 * A message was not delivered to a client, or not routed at all.
	 * @param clientId the client it was for (the publisher when it was not routed)
	 * @param message the message
	 * @param reason why it was dropped
	 */
	default void messageDropped(String clientId, Message message, DropReason reason) {
	}

	/**
	 * A limit was reached and something was refused or closed because of it.
	 * @param limit the limit
	 * @param clientId the client it concerns, or {@code null} before CONNECT
	 * @param remoteAddress the peer address, or {@code null}
	 */
	default void limitReached(Limit limit, String clientId, SocketAddress remoteAddress) {
	}

	/**
	 * Returns a listener that calls each of the given listeners in order, each isolated:
	 * one that throws is logged (once per listener and kind of event at warning level)
	 * and neither the other listeners nor the broker's work are affected. A single
	 * listener is isolated the same way.
	 * @param listeners the listeners
	 * @return a composite listener
	 */
	static BrokerEvents composite(List<BrokerEvents> listeners) {
		List<BrokerEvents> all = List.copyOf(listeners);
		if (all.isEmpty()) {
			return NONE;
		}
		return new CompositeBrokerEvents(all);
	}

}
