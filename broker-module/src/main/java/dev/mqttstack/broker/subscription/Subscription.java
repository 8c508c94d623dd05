package dev.mqttstack.broker.subscription;

/**
 * One granted subscription: a subscriber, its topic filter and the QoS it was granted.
 *
 * @param subscriber who subscribed
 * @param topicFilter the filter
 * @param qos the granted QoS
 */
public record Subscription(Subscriber subscriber, String topicFilter, int qos) {
}
