package dev.mqttstack.broker.session;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.mqttstack.broker.store.SessionState;
import dev.mqttstack.broker.subscription.SharedGroup;
import dev.mqttstack.broker.subscription.SharedGroups;
import dev.mqttstack.broker.subscription.Subscription;
import dev.mqttstack.broker.subscription.SubscriptionIndex;

/**
 * The subscriptions of one session, kept in step with the broker's subscription index
 * (direct filters) and shared groups ({@code $share/...} filters), and journaled. On the
 * session's owner loop.
 */
final class SessionSubscriptions {

	private final Session session;

	private final SubscriptionIndex index;

	private final SharedGroups sharedGroups;

	private final SessionJournal journal;

	/**
	 * The only subscription, while the session has at most one: most have one, and a map
	 * for it would cost more than 100 bytes per session.
	 */
	private Subscription single;

	/** Every subscription by filter, from the second one on; {@code null} until then. */
	private Map<String, Subscription> byFilter;

	SessionSubscriptions(Session session, SubscriptionIndex index, SharedGroups sharedGroups, SessionJournal journal) {
		this.session = session;
		this.index = index;
		this.sharedGroups = sharedGroups;
		this.journal = journal;
	}

	/**
	 * @return {@code true} if the session had no subscription on that filter before
	 */
	boolean add(Subscription subscription) {
		if (SharedGroup.isShared(subscription.topicFilter())) {
			this.sharedGroups.join(subscription);
		}
		else {
			this.index.add(subscription);
		}
		this.journal.subscriptionAdded(subscription);
		String filter = subscription.topicFilter();
		if (this.byFilter != null) {
			return this.byFilter.put(filter, subscription) == null;
		}
		if (this.single == null || this.single.topicFilter().equals(filter)) {
			boolean added = this.single == null;
			this.single = subscription;
			return added;
		}
		this.byFilter = new HashMap<>(4);
		this.byFilter.put(this.single.topicFilter(), this.single);
		this.byFilter.put(filter, subscription);
		this.single = null;
		return true;
	}

	/**
	 * @return {@code true} if it existed
	 */
	boolean remove(String topicFilter) {
		removeFromIndex(topicFilter);
		boolean existed;
		if (this.byFilter != null) {
			existed = this.byFilter.remove(topicFilter) != null;
		}
		else {
			existed = this.single != null && this.single.topicFilter().equals(topicFilter);
			if (existed) {
				this.single = null;
			}
		}
		if (existed) {
			this.journal.subscriptionRemoved(topicFilter);
		}
		return existed;
	}

	boolean contains(String topicFilter) {
		if (this.byFilter != null) {
			return this.byFilter.containsKey(topicFilter);
		}
		return this.single != null && this.single.topicFilter().equals(topicFilter);
	}

	int count() {
		if (this.byFilter != null) {
			return this.byFilter.size();
		}
		return (this.single != null) ? 1 : 0;
	}

	List<Subscription> list() {
		return List.copyOf(values());
	}

	List<Subscription> sorted() {
		return values().stream().sorted(Comparator.comparing(Subscription::topicFilter)).toList();
	}

	List<SessionState.StoredSubscription> stored() {
		return values().stream().map(SessionSubscriptions::stored).toList();
	}

	void restore(List<SessionState.StoredSubscription> stored) {
		stored.forEach(
				(subscription) -> add(new Subscription(this.session, subscription.topicFilter(), subscription.qos(),
						subscription.noLocal(), subscription.retainAsPublished(), subscription.subscriptionId())));
	}

	/** Leaves the index and the shared groups, and forgets every subscription. */
	void clear() {
		for (Subscription subscription : values()) {
			removeFromIndex(subscription.topicFilter());
		}
		this.single = null;
		this.byFilter = null;
	}

	private Collection<Subscription> values() {
		if (this.byFilter != null) {
			return this.byFilter.values();
		}
		return (this.single != null) ? List.of(this.single) : List.of();
	}

	static SessionState.StoredSubscription stored(Subscription subscription) {
		return new SessionState.StoredSubscription(subscription.topicFilter(), subscription.qos(),
				subscription.noLocal(), subscription.retainAsPublished(), subscription.subscriptionId());
	}

	private void removeFromIndex(String topicFilter) {
		if (SharedGroup.isShared(topicFilter)) {
			this.sharedGroups.leave(this.session, topicFilter);
		}
		else {
			this.index.remove(this.session, topicFilter);
		}
	}

}
