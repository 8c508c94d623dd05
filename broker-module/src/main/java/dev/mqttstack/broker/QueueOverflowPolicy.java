package dev.mqttstack.broker;

/**
 * What a session does with a message when its queue is full ({@code maxQueuedMessages} or
 * {@code maxQueuedBytes}). Whatever it drops is counted and reported as a
 * {@code QUEUE_FULL} event.
 */
public enum QueueOverflowPolicy {

	/** Drop the new message and keep the queue: the default, as mosquitto does. */
	DROP_NEW,

	/** Drop the oldest queued message to make room for the new one. */
	DROP_OLDEST,

	/**
	 * Disconnect the client (MQTT 5: reason 0x97 quota exceeded) and drop the new
	 * message; an offline session drops the new message.
	 */
	DISCONNECT

}
