package dev.mqttstack.broker.subscription;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The shared subscription groups, each registered in the {@link SubscriptionIndex} while
 * it has members.
 * <p>
 * No global lock: the groups live in a concurrent map, and the changes to one group
 * (members joining and leaving, the group entering and leaving the index) are atomic per
 * group through {@link ConcurrentMap#compute}; readers never wait.
 */
public final class SharedGroups {

	private final SubscriptionIndex index;

	private final ConcurrentMap<String, SharedGroup> groups = new ConcurrentHashMap<>();

	public SharedGroups(SubscriptionIndex index) {
		this.index = index;
	}

	/**
	 * Adds a session's subscription to its group, replacing its earlier one in that
	 * group.
	 * @param member the subscription, whose filter is {@code $share/{group}/{filter}}
	 */
	public void join(Subscription member) {
		this.groups.compute(member.topicFilter(), (filter, existing) -> {
			SharedGroup group = (existing != null) ? existing
					: new SharedGroup(SharedGroup.shareName(filter), SharedGroup.topicFilter(filter));
			group.members().removeIf((other) -> other.subscriber() == member.subscriber());
			group.members().add(member);
			if (group.members().size() == 1) {
				this.index.add(new Subscription(group, group.topicFilter(), 2));
			}
			return group;
		});
	}

	/**
	 * Removes a session's subscription from its group; the group leaves the index with
	 * its last member.
	 * @param subscriber the session
	 * @param filter the full {@code $share/{group}/{filter}} filter
	 * @return {@code true} if it was a member
	 */
	public boolean leave(Subscriber subscriber, String filter) {
		boolean[] left = new boolean[1];
		this.groups.computeIfPresent(filter, (key, group) -> {
			left[0] = group.members().removeIf((existing) -> existing.subscriber() == subscriber);
			if (group.members().isEmpty()) {
				this.index.remove(group, group.topicFilter());
				return null;
			}
			return group;
		});
		return left[0];
	}

	/**
	 * Finds a group.
	 * @param filter the full {@code $share/{group}/{filter}} filter
	 * @return the group, or {@code null}
	 */
	public SharedGroup get(String filter) {
		return this.groups.get(filter);
	}

}
