package dev.mqttstack.broker.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.mqttstack.broker.SessionInfo;
import dev.mqttstack.broker.SubscriptionInfo;
import dev.mqttstack.broker.store.SessionState;
import dev.mqttstack.broker.subscription.Subscription;

/**
 * The mapping between a session's parts and their outside views: the {@link SessionState}
 * a {@link dev.mqttstack.broker.store.SessionStore} keeps (a snapshot to save, and the
 * parts restored from a saved one), and the {@link SessionInfo} operators see. On the
 * session's owner loop.
 */
final class SessionStates {

	private SessionStates() {
	}

	static SessionState snapshot(Session session, SessionSubscriptions subscriptions, InflightWindow window,
			OutboundQueue queue, Set<Integer> inboundQos2Ids, long disconnectedAt) {
		List<SessionState.InflightMessage> inflight = new ArrayList<>(window.size());
		for (Map.Entry<Integer, InflightWindow.Entry> entry : window.entries()) {
			Pending message = entry.getValue().pending;
			inflight.add(new SessionState.InflightMessage(message.storeId(), entry.getKey(), message.message(),
					message.qos(), message.retain(), message.ids(), entry.getValue().released));
		}
		List<SessionState.QueuedMessage> queued = new ArrayList<>(queue.size());
		for (Pending pending : queue.messages()) {
			queued.add(new SessionState.QueuedMessage(pending.storeId(), pending.message(), pending.qos(),
					pending.retain(), pending.ids()));
		}
		return new SessionState(session.clientId(), session.expiryInterval(), disconnectedAt, subscriptions.stored(),
				inflight, queued, inboundQos2Ids, session.belongsTo());
	}

	static SessionInfo info(Session session, SessionBinding binding, SessionSubscriptions subscriptions,
			InflightWindow window, OutboundQueue queue) {
		List<Subscription> sorted = subscriptions.sorted();
		SessionState.Owner owner = binding.owner();
		return new SessionInfo(session.clientId(), session.isConnected(),
				sorted.stream().map(Subscription::topicFilter).toList(), queue.size(), queue.bytes(), window.size(),
				binding.expiryInterval(), binding.client(), binding.connectedAt(), binding.disconnectedAt(),
				sorted.stream().map(SubscriptionInfo::of).toList(), (owner != null) ? owner.username() : null);
	}

	static void restore(SessionState state, SessionSubscriptions subscriptions, InflightWindow window,
			OutboundQueue queue) {
		subscriptions.restore(state.subscriptions());
		for (SessionState.InflightMessage message : state.inflight()) {
			InflightWindow.Entry entry = new InflightWindow.Entry(new Pending(message.message(), message.qos(),
					message.retain(), message.subscriptionIds(), null, message.messageId()));
			entry.released = message.released();
			window.restore(message.packetId(), entry);
		}
		for (SessionState.QueuedMessage message : state.queued()) {
			queue.add(new Pending(message.message(), message.qos(), message.retain(), message.subscriptionIds(), null,
					message.messageId()));
		}
	}

}
