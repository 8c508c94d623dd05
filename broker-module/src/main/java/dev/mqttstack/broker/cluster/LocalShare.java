package dev.mqttstack.broker.cluster;

import java.util.Set;

/**
 * What a node publishing a message delivers itself once the cluster took the other nodes'
 * part: its ordinary subscriptions always, and the shared groups the cluster chose this
 * node for.
 *
 * @param shares the full {@code $share/{group}/{filter}} filters this node serves
 */
public record LocalShare(Set<String> shares) {

	/** Every local shared group: a node with no other node to share with. */
	public static final LocalShare ALL = new LocalShare(null);

	/**
	 * Whether this node serves a shared group.
	 * @param shareFilter the group's full filter
	 * @return {@code true} if a member of this node's group receives the message
	 */
	public boolean serves(String shareFilter) {
		return this.shares == null || this.shares.contains(shareFilter);
	}

}
