package dev.mqttstack.broker.security;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.message.Message;

/**
 * Decides what a connected client may publish, subscribe to and receive.
 * <p>
 * Called on event loops for every SUBSCRIBE, every PUBLISH and every delivery: an
 * implementation must answer from memory, without blocking, and be safe to call from
 * several threads at once.
 */
public interface Authorizer {

	/** Allows everything: the default when no authorizer is configured. */
	Authorizer ALLOW_ALL = new Authorizer() {
	};

	/**
	 * Whether the client may publish to a topic (also asked for its will at CONNECT).
	 * @param client the publisher
	 * @param topic the topic name
	 * @param qos the QoS of the message
	 * @param retain whether the message is retained
	 * @return {@code true} to route the message
	 */
	default boolean canPublish(ClientInfo client, String topic, int qos, boolean retain) {
		return true;
	}

	/**
	 * Whether the client may publish a message, asked for every PUBLISH a client sends;
	 * override it to decide on more than the topic (the payload's size, its properties).
	 * @param client the publisher
	 * @param message the message, payload included
	 * @return {@code true} to route the message; by default what
	 * {@link #canPublish(ClientInfo, String, int, boolean)} says
	 */
	default boolean canPublish(ClientInfo client, Message message) {
		return canPublish(client, message.topic(), message.qos(), message.retain());
	}

	/**
	 * Whether the client may subscribe to a topic filter.
	 * @param client the subscriber
	 * @param topicFilter the filter, wildcards included
	 * @param qos the QoS asked for
	 * @return {@code true} to grant the subscription
	 */
	default boolean canSubscribe(ClientInfo client, String topicFilter, int qos) {
		return true;
	}

	/**
	 * Whether a subscriber may receive a message on a topic it is subscribed to.
	 * @param client the subscriber
	 * @param topic the topic name of the message
	 * @return {@code true} to deliver the message
	 */
	default boolean canReceive(ClientInfo client, String topic) {
		return true;
	}

}
