package dev.mqttstack.broker.cluster;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.subscription.SharedGroup;
import dev.mqttstack.broker.subscription.Subscriber;
import dev.mqttstack.broker.subscription.Subscription;
import dev.mqttstack.broker.subscription.SubscriptionIndex;
import dev.mqttstack.broker.subscription.TrieSubscriptionIndex;

/**
 * The cluster's route table as one node sees it: for every node, the topic filters its
 * sessions hold with a count each (not one entry per session), matched like local
 * subscriptions. Plans where a published message goes: every other node with a matching
 * ordinary filter, and for each matching shared group one node of those that hold
 * members, in turn. Engine-neutral; a {@link Cluster} implementation feeds it with the
 * routes it replicates. Readers never lock.
 */
public final class RouteTable {

	private final String localNode;

	private final SubscriptionIndex index = new TrieSubscriptionIndex();

	private final ConcurrentMap<String, ConcurrentMap<String, Route>> routes = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, AtomicInteger> turns = new ConcurrentHashMap<>();

	/**
	 * Creates the table of one node.
	 * @param localNode this node's identifier
	 */
	public RouteTable(String localNode) {
		this.localNode = localNode;
	}

	/**
	 * Sets a node's count of subscriptions on a filter; calls for one node and filter
	 * must come in order.
	 * @param node the node's identifier
	 * @param topicFilter the filter, {@code $share/{group}/{filter}} for a shared group
	 * @param count the count, 0 to remove the route
	 */
	public void update(String node, String topicFilter, int count) {
		ConcurrentMap<String, Route> filters = this.routes.computeIfAbsent(node, (key) -> new ConcurrentHashMap<>());
		filters.compute(topicFilter, (filter, previous) -> {
			if (count <= 0) {
				if (previous != null) {
					this.index.remove(previous.subscriber, match(filter));
				}
				return null;
			}
			if (previous == null) {
				NodeRoute subscriber = new NodeRoute(node, filter);
				this.index.add(new Subscription(subscriber, match(filter), 2));
				return new Route(subscriber, count);
			}
			return new Route(previous.subscriber, count);
		});
	}

	/**
	 * Forgets every route of a node that left the cluster.
	 * @param node the node's identifier
	 */
	public void removeNode(String node) {
		ConcurrentMap<String, Route> filters = this.routes.get(node);
		if (filters != null) {
			filters.keySet().forEach((filter) -> update(node, filter, 0));
			this.routes.remove(node, filters);
		}
	}

	/**
	 * The routes of a node.
	 * @param node the node's identifier
	 * @return its filters with their counts, sorted
	 */
	public Map<String, Integer> routes(String node) {
		Map<String, Integer> counts = new TreeMap<>();
		this.routes.getOrDefault(node, new ConcurrentHashMap<>())
			.forEach((filter, route) -> counts.put(filter, route.count));
		return counts;
	}

	/**
	 * Plans the delivery of a message published on this node.
	 * @param message the message
	 * @return what goes to which other node and what this node serves itself
	 */
	public RoutePlan plan(Message message) {
		List<Subscription> matches = this.index.match(message.topic());
		if (matches.isEmpty()) {
			return RoutePlan.LOCAL_ONLY;
		}
		Set<String> direct = new HashSet<>(4);
		Map<String, Map<String, Integer>> shareNodes = null;
		for (Subscription match : matches) {
			NodeRoute route = (NodeRoute) match.subscriber();
			if (!SharedGroup.isShared(route.filter)) {
				direct.add(route.node);
				continue;
			}
			if (shareNodes == null) {
				shareNodes = new HashMap<>(4);
			}
			shareNodes.computeIfAbsent(route.filter, (key) -> new TreeMap<>()).put(route.node, count(route));
		}
		direct.remove(this.localNode);
		if (direct.isEmpty() && shareNodes == null) {
			return RoutePlan.LOCAL_ONLY;
		}
		Map<String, Set<String>> shares = new HashMap<>(4);
		if (shareNodes != null) {
			for (Map.Entry<String, Map<String, Integer>> group : shareNodes.entrySet()) {
				String chosen = choose(group.getKey(), group.getValue());
				shares.computeIfAbsent(chosen, (key) -> new HashSet<>(2)).add(group.getKey());
			}
		}
		Set<String> localShares = shares.remove(this.localNode);
		Map<String, Forwarded> remote = new HashMap<>(4);
		for (String node : direct) {
			remote.put(node, new Forwarded(message, true, shares.getOrDefault(node, Set.of())));
		}
		shares.forEach((node, filters) -> remote.putIfAbsent(node, new Forwarded(message, false, filters)));
		if (shareNodes == null) {
			return new RoutePlan(remote, LocalShare.ALL);
		}
		return new RoutePlan(remote, new LocalShare((localShares != null) ? localShares : Set.of()));
	}

	/**
	 * One node of those holding members of a group, in turn, weighted by their counts.
	 */
	private String choose(String shareFilter, Map<String, Integer> nodes) {
		if (nodes.size() == 1) {
			return nodes.keySet().iterator().next();
		}
		int total = 0;
		for (int count : nodes.values()) {
			total += count;
		}
		int slot = Math
			.floorMod(this.turns.computeIfAbsent(shareFilter, (key) -> new AtomicInteger()).getAndIncrement(), total);
		for (Map.Entry<String, Integer> node : nodes.entrySet()) {
			slot -= node.getValue();
			if (slot < 0) {
				return node.getKey();
			}
		}
		return nodes.keySet().iterator().next();
	}

	private int count(NodeRoute route) {
		Route current = this.routes.getOrDefault(route.node, new ConcurrentHashMap<>()).get(route.filter);
		return (current != null) ? Math.max(1, current.count) : 1;
	}

	/** The filter a route is matched with: a shared group's without its prefix. */
	private static String match(String filter) {
		return SharedGroup.isShared(filter) ? SharedGroup.topicFilter(filter) : filter;
	}

	/** A route's subscriber in the index and its count. */
	private record Route(NodeRoute subscriber, int count) {

	}

	/** One node's route on one filter, as a subscriber in the index. */
	private record NodeRoute(String node, String filter) implements Subscriber {

		/** Unique per node and filter; U+0001 cannot occur in a client identifier. */
		@Override
		public String clientId() {
			return "\u0001" + this.node + "\u0001" + this.filter;
		}

	}

}
