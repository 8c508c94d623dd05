package dev.mqttstack.broker.subscription;

/**
 * One granted subscription: a subscriber, its topic filter, the QoS it was granted and
 * its MQTT 5 options.
 *
 * @param subscriber who subscribed
 * @param topicFilter the filter
 * @param qos the granted QoS
 * @param noLocal MQTT 5: do not deliver the subscriber's own publications
 * @param retainAsPublished MQTT 5: deliver with the retain flag the publisher set
 * @param subscriptionId MQTT 5: identifier sent back with every matching message, 0 for
 * none
 * @param retainHandling MQTT 5: when retained messages are sent at subscribe: 0 always, 1
 * only for a new subscription, 2 never
 */
public record Subscription(Subscriber subscriber, String topicFilter, int qos, boolean noLocal,
		boolean retainAsPublished, int subscriptionId, int retainHandling) {

	/**
	 * Creates a subscription whose retained messages are sent at every subscribe.
	 * @param subscriber who subscribed
	 * @param topicFilter the filter
	 * @param qos the granted QoS
	 * @param noLocal MQTT 5: do not deliver the subscriber's own publications
	 * @param retainAsPublished MQTT 5: deliver with the retain flag the publisher set
	 * @param subscriptionId MQTT 5: identifier sent back with every matching message, 0
	 * for none
	 */
	public Subscription(Subscriber subscriber, String topicFilter, int qos, boolean noLocal, boolean retainAsPublished,
			int subscriptionId) {
		this(subscriber, topicFilter, qos, noLocal, retainAsPublished, subscriptionId, 0);
	}

	/**
	 * Creates a subscription without MQTT 5 options.
	 * @param subscriber who subscribed
	 * @param topicFilter the filter
	 * @param qos the granted QoS
	 */
	public Subscription(Subscriber subscriber, String topicFilter, int qos) {
		this(subscriber, topicFilter, qos, false, false, 0, 0);
	}

}
