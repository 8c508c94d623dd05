package dev.mqttstack.broker.subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * {@link SubscriptionIndex} as a tree of topic levels, without locks: matching walks the
 * levels of the topic once over concurrent maps; changes from any number of event loops
 * at once use compare-and-set only.
 * <p>
 * Emptied branches are pruned safely by counting, per node, its subscriptions, its
 * children and the changes passing through it: a node whose count is zero is marked dead
 * with one compare-and-set and only then unlinked, and a change that meets a dead node
 * unlinks it and takes a new one, so a subscription is never added to a node on its way
 * out of the tree.
 */
public final class TrieSubscriptionIndex implements SubscriptionIndex {

	private final Node root = new Node(0);

	private final AtomicInteger size = new AtomicInteger();

	@Override
	public boolean add(Subscription subscription) {
		String[] levels = TopicFilter.levels(subscription.topicFilter());
		Node node = this.root;
		for (String level : levels) {
			Node child = pinChild(node, level);
			if (node != this.root) {
				node.unpin();
			}
			node = child;
		}
		boolean added = node.subscriptions().put(subscription.subscriber().clientId(), subscription) == null;
		if (added) {
			node.pin();
			this.size.incrementAndGet();
		}
		if (node != this.root) {
			node.unpin();
		}
		return added;
	}

	/**
	 * The child of a pinned node on a level, created when missing, pinned against being
	 * pruned before the caller is done with it.
	 */
	private static Node pinChild(Node parent, String level) {
		ConcurrentMap<String, Node> children = parent.children();
		while (true) {
			Node child = children.get(level);
			if (child == null) {
				Node fresh = new Node(1);
				child = children.putIfAbsent(level, fresh);
				if (child == null) {
					parent.pin(); // counts the new child; the parent is pinned, so alive
					return fresh;
				}
			}
			if (child.tryPin()) {
				return child;
			}
			// dead and on its way out: unlink it and take a new one
			if (children.remove(level, child)) {
				parent.unpin();
			}
		}
	}

	@Override
	public boolean remove(Subscriber subscriber, String topicFilter) {
		String[] levels = TopicFilter.levels(topicFilter);
		Node[] path = new Node[levels.length + 1];
		path[0] = this.root;
		for (int i = 0; i < levels.length; i++) {
			path[i + 1] = path[i].child(levels[i]);
			if (path[i + 1] == null) {
				return false;
			}
		}
		Node leaf = path[levels.length];
		ConcurrentMap<String, Subscription> subscriptions = leaf.subscriptions;
		Subscription existing = (subscriptions != null) ? subscriptions.get(subscriber.clientId()) : null;
		if (existing == null || existing.subscriber() != subscriber
				|| !subscriptions.remove(subscriber.clientId(), existing)) {
			return false;
		}
		this.size.decrementAndGet();
		leaf.unpin();
		for (int i = levels.length; i > 0 && path[i].tryKill(); i--) {
			if (path[i - 1].children.remove(levels[i - 1], path[i])) {
				path[i - 1].unpin();
			}
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
	 * A topic level. Its maps are created by the first change that needs them
	 * (compare-and-set on volatile fields): most nodes of a large tree are leaves with
	 * one subscriber, and two empty maps each would double their size.
	 */
	private static final class Node {

		private static final int DEAD = -1;

		private static final AtomicReferenceFieldUpdater<Node, ConcurrentMap> CHILDREN = AtomicReferenceFieldUpdater
			.newUpdater(Node.class, ConcurrentMap.class, "children");

		private static final AtomicReferenceFieldUpdater<Node, ConcurrentMap> SUBSCRIPTIONS = AtomicReferenceFieldUpdater
			.newUpdater(Node.class, ConcurrentMap.class, "subscriptions");

		private static final AtomicIntegerFieldUpdater<Node> USERS = AtomicIntegerFieldUpdater.newUpdater(Node.class,
				"users");

		volatile ConcurrentMap<String, Node> children;

		volatile ConcurrentMap<String, Subscription> subscriptions;

		/**
		 * Subscriptions plus children plus changes passing through; {@link #DEAD} once
		 * pruned.
		 */
		volatile int users;

		Node(int users) {
			this.users = users;
		}

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

		@SuppressWarnings("unchecked")
		ConcurrentMap<String, Node> children() {
			ConcurrentMap<String, Node> children = this.children;
			if (children == null) {
				CHILDREN.compareAndSet(this, null, new ConcurrentHashMap<>(1));
				children = this.children;
			}
			return children;
		}

		@SuppressWarnings("unchecked")
		ConcurrentMap<String, Subscription> subscriptions() {
			ConcurrentMap<String, Subscription> subscriptions = this.subscriptions;
			if (subscriptions == null) {
				SUBSCRIPTIONS.compareAndSet(this, null, new ConcurrentHashMap<>(1));
				subscriptions = this.subscriptions;
			}
			return subscriptions;
		}

		/** Adds a user unless the node is dead. */
		boolean tryPin() {
			while (true) {
				int current = this.users;
				if (current == DEAD) {
					return false;
				}
				if (USERS.compareAndSet(this, current, current + 1)) {
					return true;
				}
			}
		}

		/** Adds a user to a node known to be alive (the caller uses it already). */
		void pin() {
			USERS.incrementAndGet(this);
		}

		void unpin() {
			USERS.decrementAndGet(this);
		}

		/** Marks an unused node dead, so that it can be unlinked. */
		boolean tryKill() {
			return USERS.compareAndSet(this, 0, DEAD);
		}

	}

}
