package dev.mqttstack.broker.store;

import java.util.List;

import dev.mqttstack.broker.message.Message;

/**
 * Keeps the last retained message of each topic, for delivery to new subscribers.
 * <p>
 * Called from event loops: implementations must be thread-safe and must not block.
 */
public interface RetainedStore {

	/**
	 * Stores a message as the retained message of its topic, replacing the previous one.
	 * @param message the message; its payload is not empty
	 */
	void put(Message message);

	/**
	 * Clears the retained message of a topic.
	 * @param topic the topic name
	 */
	void remove(String topic);

	/**
	 * Returns the retained messages whose topics match a filter.
	 * @param topicFilter a topic filter, wildcards included
	 * @return the matching messages, in no particular order
	 */
	List<Message> match(String topicFilter);

	/**
	 * Counts the retained messages.
	 * @return how many topics hold a retained message
	 */
	int size();

}
