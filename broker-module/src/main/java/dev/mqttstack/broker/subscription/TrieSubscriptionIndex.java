package dev.mqttstack.broker.subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link SubscriptionIndex} as a tree of topic levels: matching walks the levels of the
 * topic once, reading lock-free; changes are serialised among themselves, which keeps
 * removal of emptied branches safe.
 */
public final class TrieSubscriptionIndex implements SubscriptionIndex {

	private final Node root = new Node();

	private final AtomicInteger size = new AtomicInteger();

	@Override
	public synchronized void add(Subscription subscription) {
		Node node = this.root;
		for (String level : TopicFilter.levels(subscription.topicFilter())) {
			node = node.children.computeIfAbsent(level, (key) -> new Node());
		}
		if (node.subscriptions.put(subscription.subscriber().clientId(), subscription) == null) {
			this.size.incrementAndGet();
		}
	}

	@Override
	public synchronized boolean remove(Subscriber subscriber, String topicFilter) {
		String[] levels = TopicFilter.levels(topicFilter);
		Node[] path = new Node[levels.length + 1];
		path[0] = this.root;
		for (int i = 0; i < levels.length; i++) {
			path[i + 1] = path[i].children.get(levels[i]);
			if (path[i + 1] == null) {
				return false;
			}
		}
		Subscription existing = path[levels.length].subscriptions.get(subscriber.clientId());
		if (existing == null || existing.subscriber() != subscriber) {
			return false;
		}
		path[levels.length].subscriptions.remove(subscriber.clientId());
		this.size.decrementAndGet();
		for (int i = levels.length; i > 0 && path[i].isEmpty(); i--) {
			path[i - 1].children.remove(levels[i - 1], path[i]);
		}
		return true;
	}

	@Override
	public List<Subscription> match(String topic) {
		String[] levels = TopicFilter.levels(topic);
		List<Subscription> matches = new ArrayList<>(4);
		boolean system = levels[0].startsWith("$");
		match(this.root, levels, 0, system, matches);
		return matches;
	}

	private static void match(Node node, String[] levels, int index, boolean system, List<Subscription> matches) {
		if (index == levels.length) {
			matches.addAll(node.subscriptions.values());
			Node rest = node.children.get("#");
			if (rest != null) {
				matches.addAll(rest.subscriptions.values());
			}
			return;
		}
		boolean wildcardsAllowed = index > 0 || !system;
		if (wildcardsAllowed) {
			Node rest = node.children.get("#");
			if (rest != null) {
				matches.addAll(rest.subscriptions.values());
			}
			Node single = node.children.get("+");
			if (single != null) {
				match(single, levels, index + 1, system, matches);
			}
		}
		Node exact = node.children.get(levels[index]);
		if (exact != null) {
			match(exact, levels, index + 1, system, matches);
		}
	}

	@Override
	public int size() {
		return this.size.get();
	}

	private static final class Node {

		final ConcurrentMap<String, Node> children = new ConcurrentHashMap<>(4);

		final ConcurrentMap<String, Subscription> subscriptions = new ConcurrentHashMap<>(2);

		boolean isEmpty() {
			return this.children.isEmpty() && this.subscriptions.isEmpty();
		}

	}

}
