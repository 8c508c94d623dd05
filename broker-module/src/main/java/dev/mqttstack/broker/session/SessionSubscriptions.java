package dev.mqttstack.broker.session;

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

	/** Sized for the one or two filters most sessions have, not HashMap's 16. */
	private final Map<String, Subscription> byFilter = new HashMap<>(2);

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
		return this.byFilter.put(subscription.topicFilter(), subscription) == null;
	}

	/**
	 * @return {@code true} if it existed
	 */
	boolean remove(String topicFilter) {
		removeFromIndex(topicFilter);
		boolean existed = this.byFilter.remove(topicFilter) != null;
		if (existed) {
			this.journal.subscriptionRemoved(topicFilter);
		}
		return existed;
	}

	boolean contains(String topicFilter) {
		return this.byFilter.containsKey(topicFilter);
	}

	int count() {
		return this.byFilter.size();
	}

	List<Subscription> list() {
		return List.copyOf(this.byFilter.values());
	}

	List<Subscription> sorted() {
		return this.byFilter.values().stream().sorted(Comparator.comparing(Subscription::topicFilter)).toList();
	}

	List<SessionState.StoredSubscription> stored() {
		return this.byFilter.values().stream().map(SessionSubscriptions::stored).toList();
	}

	void restore(List<SessionState.StoredSubscription> stored) {
		stored.forEach(
				(subscription) -> add(new Subscription(this.session, subscription.topicFilter(), subscription.qos(),
						subscription.noLocal(), subscription.retainAsPublished(), subscription.subscriptionId())));
	}

	/** Leaves the index and the shared groups, and forgets every subscription. */
	void clear() {
		for (String filter : this.byFilter.keySet()) {
			removeFromIndex(filter);
		}
		this.byFilter.clear();
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
