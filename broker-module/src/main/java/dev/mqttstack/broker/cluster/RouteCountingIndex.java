package dev.mqttstack.broker.cluster;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.mqttstack.broker.subscription.SharedGroup;
import dev.mqttstack.broker.subscription.Subscriber;
import dev.mqttstack.broker.subscription.Subscription;
import dev.mqttstack.broker.subscription.SubscriptionIndex;

/**
 * A subscription index that tells the {@link Cluster} this node's route table: a count
 * per filter (a shared group once, under its full filter), announced on every change, in
 * the order of the changes of each filter. Matching is the delegate's, untouched. Only a
 * clustered broker uses it; {@code $SYS} filters stay local.
 */
public final class RouteCountingIndex implements SubscriptionIndex {

	private final SubscriptionIndex delegate;

	private final Cluster cluster;

	private final ConcurrentMap<String, Integer> counts = new ConcurrentHashMap<>();

	public RouteCountingIndex(SubscriptionIndex delegate, Cluster cluster) {
		this.delegate = delegate;
		this.cluster = cluster;
	}

	@Override
	public boolean add(Subscription subscription) {
		boolean added = this.delegate.add(subscription);
		if (added) {
			count(route(subscription.subscriber(), subscription.topicFilter()), 1);
		}
		return added;
	}

	@Override
	public boolean remove(Subscriber subscriber, String topicFilter) {
		boolean removed = this.delegate.remove(subscriber, topicFilter);
		if (removed) {
			count(route(subscriber, topicFilter), -1);
		}
		return removed;
	}

	@Override
	public List<Subscription> match(String topic) {
		return this.delegate.match(topic);
	}

	@Override
	public int size() {
		return this.delegate.size();
	}

	private void count(String route, int delta) {
		if (route.startsWith("$SYS/") || route.equals("$SYS")) {
			return;
		}
		this.counts.compute(route, (filter, previous) -> {
			int count = Math.max(0, ((previous != null) ? previous : 0) + delta);
			this.cluster.routeChanged(filter, count);
			return (count > 0) ? count : null;
		});
	}

	private static String route(Subscriber subscriber, String topicFilter) {
		if (subscriber instanceof SharedGroup group) {
			return SharedGroup.PREFIX + group.shareName() + "/" + topicFilter;
		}
		return topicFilter;
	}

}
