package dev.mqttstack.broker.subscription;

import java.util.HashMap;
import java.util.Map;

/**
 * The shared subscription groups, each registered in the {@link SubscriptionIndex} while
 * it has members.
 */
public final class SharedGroups {

	private final SubscriptionIndex index;

	private final Map<String, SharedGroup> groups = new HashMap<>();

	public SharedGroups(SubscriptionIndex index) {
		this.index = index;
	}

	/**
	 * Adds a session's subscription to its group, replacing its earlier one in that
	 * group.
	 * @param member the subscription, whose filter is {@code $share/{group}/{filter}}
	 */
	public synchronized void join(Subscription member) {
		String filter = member.topicFilter();
		SharedGroup group = this.groups.computeIfAbsent(filter,
				(key) -> new SharedGroup(SharedGroup.shareName(key), SharedGroup.topicFilter(key)));
		group.members().removeIf((existing) -> existing.subscriber() == member.subscriber());
		group.members().add(member);
		if (group.members().size() == 1) {
			this.index.add(new Subscription(group, group.topicFilter(), 2));
		}
	}

	/**
	 * Removes a session's subscription from its group; the group leaves the index with
	 * its last member.
	 * @param subscriber the session
	 * @param filter the full {@code $share/{group}/{filter}} filter
	 * @return {@code true} if it was a member
	 */
	public synchronized boolean leave(Subscriber subscriber, String filter) {
		SharedGroup group = this.groups.get(filter);
		if (group == null || !group.members().removeIf((existing) -> existing.subscriber() == subscriber)) {
			return false;
		}
		if (group.members().isEmpty()) {
			this.groups.remove(filter);
			this.index.remove(group, group.topicFilter());
		}
		return true;
	}

	/**
	 * Finds a group.
	 * @param filter the full {@code $share/{group}/{filter}} filter
	 * @return the group, or {@code null}
	 */
	public synchronized SharedGroup get(String filter) {
		return this.groups.get(filter);
	}

}
