package dev.mqttstack.broker.subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
			node = node.children().computeIfAbsent(level, (key) -> new Node());
		}
		if (node.subscriptions().put(subscription.subscriber().clientId(), subscription) == null) {
			this.size.incrementAndGet();
		}
	}

	@Override
	public synchronized boolean remove(Subscriber subscriber, String topicFilter) {
		String[] levels = TopicFilter.levels(topicFilter);
		Node[] path = new Node[levels.length + 1];
		path[0] = this.root;
		for (int i = 0; i < levels.length; i++) {
			path[i + 1] = path[i].child(levels[i]);
			if (path[i + 1] == null) {
				return false;
			}
		}
		Map<String, Subscription> subscriptions = path[levels.length].subscriptions;
		Subscription existing = (subscriptions != null) ? subscriptions.get(subscriber.clientId()) : null;
		if (existing == null || existing.subscriber() != subscriber) {
			return false;
		}
		subscriptions.remove(subscriber.clientId());
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
			node.collect(matches);
			Node rest = node.child("#");
			if (rest != null) {
				rest.collect(matches);
			}
			return;
		}
		boolean wildcardsAllowed = index > 0 || !system;
		if (wildcardsAllowed) {
			Node rest = node.child("#");
			if (rest != null) {
				rest.collect(matches);
			}
			Node single = node.child("+");
			if (single != null) {
				match(single, levels, index + 1, system, matches);
			}
		}
		Node exact = node.child(levels[index]);
		if (exact != null) {
			match(exact, levels, index + 1, system, matches);
		}
	}

	@Override
	public int size() {
		return this.size.get();
	}

	/**
	 * A topic level. Its maps are created by the first change that needs them (under the
	 * index's lock) and published through volatile fields: most nodes of a large tree are
	 * leaves with one subscriber, and two empty maps each would double their size.
	 */
	private static final class Node {

		volatile ConcurrentMap<String, Node> children;

		volatile ConcurrentMap<String, Subscription> subscriptions;

		Node child(String level) {
			ConcurrentMap<String, Node> children = this.children;
			return (children != null) ? children.get(level) : null;
		}

		void collect(List<Subscription> matches) {
			ConcurrentMap<String, Subscription> subscriptions = this.subscriptions;
			if (subscriptions != null) {
				matches.addAll(subscriptions.values());
			}
		}

		/** Called with the index's lock held. */
		ConcurrentMap<String, Node> children() {
			ConcurrentMap<String, Node> children = this.children;
			if (children == null) {
				children = new ConcurrentHashMap<>(1);
				this.children = children;
			}
			return children;
		}

		/** Called with the index's lock held. */
		ConcurrentMap<String, Subscription> subscriptions() {
			ConcurrentMap<String, Subscription> subscriptions = this.subscriptions;
			if (subscriptions == null) {
				subscriptions = new ConcurrentHashMap<>(1);
				this.subscriptions = subscriptions;
			}
			return subscriptions;
		}

		boolean isEmpty() {
			ConcurrentMap<String, Node> children = this.children;
			ConcurrentMap<String, Subscription> subscriptions = this.subscriptions;
			return (children == null || children.isEmpty()) && (subscriptions == null || subscriptions.isEmpty());
		}

	}

}
