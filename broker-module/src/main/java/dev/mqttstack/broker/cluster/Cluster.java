package dev.mqttstack.broker.cluster;

import java.util.concurrent.CompletableFuture;

import dev.mqttstack.broker.message.Message;

/**
 * The broker's seam to a cluster of nodes that act as one broker: this node's route table
 * changes, forwarding of a publish to the other nodes, and who owns a client identifier.
 * The engine behind it (Hazelcast in the admin service) lives outside broker-module; the
 * default is {@link #singleNode()}, which the broker never calls on the publish path.
 * <p>
 * No method may block: they are called on event loops.
 */
public interface Cluster {

	/**
	 * The default: this node is the whole broker.
	 * @return a single-node cluster, for one broker
	 */
	static Cluster singleNode() {
		return new SingleNodeCluster();
	}

	/**
	 * Whether this is the single-node default, which the broker leaves out of its paths.
	 * @return {@code true} for {@link #singleNode()}
	 */
	default boolean isSingleNode() {
		return false;
	}

	/**
	 * Joins the cluster; called once when the broker starts, before its listeners open.
	 * @param local how messages and requests from other nodes enter this node
	 */
	void start(LocalNode local);

	/** Leaves the cluster; called once when the broker stops. */
	void stop();

	/**
	 * This node's count of subscriptions on a filter changed. A shared subscription group
	 * counts once per node under its full {@code $share/{group}/{filter}} filter. Calls
	 * for one filter come in the order of the changes.
	 * @param topicFilter the filter
	 * @param count how many subscriptions this node now holds on it, 0 for none
	 */
	void routeChanged(String topicFilter, int count);

	/**
	 * Forwards a message published on this node to the other nodes whose routes match it,
	 * one message per node, and says which of the matching shared subscription groups
	 * this node serves. Calls for the messages of one publisher come in order, and each
	 * node must deliver them in that order.
	 * @param message the message
	 * @return what went to which node and this node's own share of the delivery
	 */
	RoutePlan forward(Message message);

	/**
	 * A client connected on this node with this client identifier: the node now owns the
	 * identifier, and a session of it on another node must end ("session taken over").
	 * @param clientId the client identifier
	 */
	void sessionOpened(String clientId);

	/**
	 * A stored session is about to be restored on this node as it starts: only one node
	 * of the cluster holds it, the first to claim it. Called on the starting thread, not
	 * on an event loop, so it may wait for the cluster.
	 * @param clientId the client identifier
	 * @return {@code false} when another node holds it, which this node then leaves alone
	 */
	default boolean sessionRestored(String clientId) {
		return true;
	}

	/**
	 * The session of a client identifier ended on this node.
	 * @param clientId the client identifier
	 */
	void sessionClosed(String clientId);

	/**
	 * Disconnects the client with this identifier on whichever node holds it.
	 * @param clientId the client identifier
	 * @return completes with {@code true} if a node held a connected client of it
	 */
	CompletableFuture<Boolean> kick(String clientId);

}
