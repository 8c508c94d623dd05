package dev.mqttstack.broker.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.subscription.TopicFilter;

/**
 * {@link RetainedStore} held in memory, lost when the JVM ends.
 */
public final class InMemoryRetainedStore implements RetainedStore {

	private final ConcurrentMap<String, Message> messages = new ConcurrentHashMap<>();

	@Override
	public void put(Message message) {
		this.messages.put(message.topic(), message);
	}

	@Override
	public void remove(String topic) {
		this.messages.remove(topic);
	}

	@Override
	public List<Message> match(String topicFilter) {
		if (!TopicFilter.hasWildcard(topicFilter)) {
			Message message = this.messages.get(topicFilter);
			return (message != null) ? List.of(message) : List.of();
		}
		TopicFilter filter = TopicFilter.parse(topicFilter);
		List<Message> matches = new ArrayList<>();
		for (Message message : this.messages.values()) {
			if (filter.matches(message.topic())) {
				matches.add(message);
			}
		}
		return matches;
	}

	@Override
	public int size() {
		return this.messages.size();
	}

}
