package dev.mqttstack.broker.subscription;

/**
 * Something that holds subscriptions in a {@link SubscriptionIndex}: in the broker, a
 * session.
 */
public interface Subscriber {

	/**
	 * The client identifier the subscriptions belong to.
	 * @return the client identifier
	 */
	String clientId();

}
