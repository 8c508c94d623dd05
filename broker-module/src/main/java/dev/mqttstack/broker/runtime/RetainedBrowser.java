package dev.mqttstack.broker.runtime;

import java.util.Comparator;
import java.util.List;

import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.store.RetainedStore;
import dev.mqttstack.broker.subscription.SharedGroup;
import dev.mqttstack.broker.subscription.TopicFilter;
import dev.mqttstack.broker.time.BrokerClock;

/**
 * Operator's view of the retained messages: browse and clear by topic filter, whether the
 * broker runs or not.
 *
 * @param store the retained store
 * @param clock tells which messages have expired
 */
public record RetainedBrowser(RetainedStore store, BrokerClock clock) {

	/**
	 * The retained messages whose topics match a filter, leaving out those whose MQTT 5
	 * message expiry has passed.
	 * @param topicFilter a topic filter, wildcards allowed, not a shared one
	 * @return the messages, sorted by topic
	 * @throws IllegalArgumentException if the filter is not a valid topic filter
	 */
	public List<Message> retained(String topicFilter) {
		long now = this.clock.millis();
		return match(topicFilter).stream().filter((message) -> !message.isExpired(now)).toList();
	}

	/**
	 * Clears the retained messages whose topics match a filter, expired ones included.
	 * @param topicFilter a topic filter, wildcards allowed, not a shared one
	 * @return the topics cleared, sorted
	 * @throws IllegalArgumentException if the filter is not a valid topic filter
	 */
	public List<String> clear(String topicFilter) {
		List<String> topics = match(topicFilter).stream().map(Message::topic).toList();
		topics.forEach(this.store::remove);
		return topics;
	}

	private List<Message> match(String topicFilter) {
		if (topicFilter == null || SharedGroup.isShared(topicFilter) || !TopicFilter.isValidFilter(topicFilter)) {
			throw new IllegalArgumentException("Not a valid topic filter: '" + topicFilter + "'");
		}
		return this.store.match(topicFilter).stream().sorted(Comparator.comparing(Message::topic)).toList();
	}

}
