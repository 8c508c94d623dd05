package dev.mqttstack.broker.cluster;

import java.util.concurrent.CompletableFuture;

import dev.mqttstack.broker.message.Message;

/**
 * The default {@link Cluster}: this node alone; routes and ownership need no one told,
 * and a kick is a local one.
 */
final class SingleNodeCluster implements Cluster {

	private volatile LocalNode local;

	@Override
	public boolean isSingleNode() {
		return true;
	}

	@Override
	public void start(LocalNode local) {
		this.local = local;
	}

	@Override
	public void stop() {
	}

	@Override
	public void routeChanged(String topicFilter, int count) {
	}

	@Override
	public RoutePlan forward(Message message) {
		return RoutePlan.LOCAL_ONLY;
	}

	@Override
	public void sessionOpened(String clientId) {
	}

	@Override
	public void sessionClosed(String clientId) {
	}

	@Override
	public CompletableFuture<Boolean> kick(String clientId) {
		LocalNode node = this.local;
		return CompletableFuture.completedFuture(node != null && node.kick(clientId));
	}

}
