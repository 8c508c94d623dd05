package dev.mqttstack.broker.subscription;

import java.util.List;

/**
 * Finds the subscriptions that match a topic name; the hot path of every publish.
 * <p>
 * {@link #match(String)} may be called from any thread at any time; it never blocks.
 */
public interface SubscriptionIndex {

	/**
	 * Adds a subscription, replacing the subscriber's earlier one on the same filter.
	 * @param subscription the subscription
	 * @return {@code true} if the subscriber had no subscription on that filter before
	 */
	boolean add(Subscription subscription);

	/**
	 * Removes a subscriber's subscription on a filter.
	 * @param subscriber the subscriber
	 * @param topicFilter the filter
	 * @return {@code true} if it existed
	 */
	boolean remove(Subscriber subscriber, String topicFilter);

	/**
	 * Returns every subscription whose filter matches a topic; a subscriber with several
	 * matching filters appears once per filter.
	 * @param topic the topic name
	 * @return the matching subscriptions
	 */
	List<Subscription> match(String topic);

	/**
	 * Counts subscriptions.
	 * @return how many subscriptions the index holds
	 */
	int size();

}
