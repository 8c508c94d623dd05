package dev.mqttstack.broker.subscription;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A shared subscription group, {@code $share/{group}/{filter}}: one subscriber in the
 * {@link SubscriptionIndex} whose members take turns receiving the messages that match
 * its filter.
 */
public final class SharedGroup implements Subscriber {

	/** Prefix of shared subscription filters. */
	public static final String PREFIX = "$share/";

	private final String shareName;

	private final String topicFilter;

	private final List<Subscription> members = new CopyOnWriteArrayList<>();

	private final AtomicInteger turn = new AtomicInteger();

	SharedGroup(String shareName, String topicFilter) {
		this.shareName = shareName;
		this.topicFilter = topicFilter;
	}

	/**
	 * Whether a filter names a shared subscription.
	 * @param filter the filter as the client sent it
	 * @return {@code true} for {@code $share/...}
	 */
	public static boolean isShared(String filter) {
		return filter.startsWith(PREFIX);
	}

	/**
	 * Whether a shared subscription filter is well formed: a non-empty share name without
	 * wildcards, then a valid filter.
	 * @param filter the filter as the client sent it
	 * @return {@code true} if valid
	 */
	public static boolean isValid(String filter) {
		int slash = filter.indexOf('/', PREFIX.length());
		if (slash <= PREFIX.length()) {
			return false;
		}
		String shareName = filter.substring(PREFIX.length(), slash);
		return !shareName.contains("+") && !shareName.contains("#")
				&& TopicFilter.isValidFilter(filter.substring(slash + 1));
	}

	/**
	 * The share name of a valid shared subscription filter.
	 * @param filter the filter
	 * @return the share name
	 */
	public static String shareName(String filter) {
		return filter.substring(PREFIX.length(), filter.indexOf('/', PREFIX.length()));
	}

	/**
	 * The topic filter of a valid shared subscription filter.
	 * @param filter the filter
	 * @return the filter without its {@code $share/{group}/} prefix
	 */
	public static String topicFilter(String filter) {
		return filter.substring(filter.indexOf('/', PREFIX.length()) + 1);
	}

	/**
	 * Index key of the group: U+0000 cannot occur in a real client identifier, so the two
	 * never collide.
	 */
	@Override
	public String clientId() {
		return "\u0000" + PREFIX + this.shareName;
	}

	public String shareName() {
		return this.shareName;
	}

	public String topicFilter() {
		return this.topicFilter;
	}

	/**
	 * The members, each a subscription of a session on this group's full filter.
	 * @return the live member list
	 */
	public List<Subscription> members() {
		return this.members;
	}

	int nextTurn() {
		return this.turn.getAndIncrement();
	}

	@Override
	public String toString() {
		return PREFIX + this.shareName + "/" + this.topicFilter + " " + this.members.size() + " members";
	}

}
