package dev.mqttstack.broker;

import dev.mqttstack.broker.subscription.Subscription;

/**
 * A snapshot of one subscription of a session, as an operator sees it.
 *
 * @param topicFilter the filter as the client sent it, {@code $share/...} prefix included
 * @param qos the granted QoS
 * @param noLocal MQTT 5: the subscriber's own publications are not delivered to it
 * @param retainAsPublished MQTT 5: messages keep the retain flag their publisher set
 * @param retainHandling MQTT 5: when retained messages are sent at subscribe: 0 always, 1
 * only for a new subscription, 2 never
 * @param subscriptionIdentifier MQTT 5: identifier sent back with every matching message,
 * 0 for none
 */
public record SubscriptionInfo(String topicFilter, int qos, boolean noLocal, boolean retainAsPublished,
		int retainHandling, int subscriptionIdentifier) {

	/**
	 * Takes a snapshot of a subscription.
	 * @param subscription the subscription
	 * @return the snapshot
	 */
	public static SubscriptionInfo of(Subscription subscription) {
		return new SubscriptionInfo(subscription.topicFilter(), subscription.qos(), subscription.noLocal(),
				subscription.retainAsPublished(), subscription.retainHandling(), subscription.subscriptionId());
	}

}
