package dev.mqttstack.broker.sys;

/**
 * What the broker holds at one moment, the figures of {@code $SYS/broker/clients/total},
 * {@code subscriptions/count} and {@code retained messages/count}.
 *
 * @param sessions sessions, connected or offline
 * @param subscriptions subscriptions over all sessions
 * @param retainedMessages retained messages, expired ones not yet removed included
 */
public record BrokerCounts(int sessions, int subscriptions, int retainedMessages) {

}
