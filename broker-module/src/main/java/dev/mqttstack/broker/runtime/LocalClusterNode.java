package dev.mqttstack.broker.runtime;

import java.util.function.Predicate;
import java.util.function.ToIntFunction;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.cluster.Forwarded;
import dev.mqttstack.broker.cluster.LocalNode;
import dev.mqttstack.broker.routing.PublishRouter;
import dev.mqttstack.broker.session.SessionRegistry;

/**
 * This broker as the cluster reaches it: forwarded messages into the router, take-overs
 * into the session registry, kicks to the connected clients.
 */
final class LocalClusterNode implements LocalNode {

	private final PublishRouter router;

	private final SessionRegistry sessions;

	private final ToIntFunction<Predicate<ClientInfo>> disconnect;

	LocalClusterNode(PublishRouter router, SessionRegistry sessions, ToIntFunction<Predicate<ClientInfo>> disconnect) {
		this.router = router;
		this.sessions = sessions;
		this.disconnect = disconnect;
	}

	@Override
	public int deliver(Forwarded forwarded) {
		return this.router.deliver(forwarded);
	}

	@Override
	public boolean takeOver(String clientId) {
		return this.sessions.release(clientId);
	}

	@Override
	public boolean kick(String clientId) {
		return this.disconnect.applyAsInt((client) -> clientId.equals(client.clientId())) > 0;
	}

}
