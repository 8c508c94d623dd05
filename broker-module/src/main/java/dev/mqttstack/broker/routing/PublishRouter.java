package dev.mqttstack.broker.routing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.event.BrokerEvents;
import dev.mqttstack.broker.event.DropReason;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.protocol.PublishEncoder;
import dev.mqttstack.broker.security.Authorizer;
import dev.mqttstack.broker.session.Session;
import dev.mqttstack.broker.store.RetainedStore;
import dev.mqttstack.broker.subscription.Subscription;
import dev.mqttstack.broker.subscription.SubscriptionIndex;

/**
 * Fans one published message out to the sessions whose subscriptions match its topic:
 * matched once, a subscriber with several matching filters served once at its highest
 * granted QoS, encoded once per delivery QoS and shared.
 */
public final class PublishRouter {

	private final SubscriptionIndex index;

	private final RetainedStore retained;

	private final Authorizer authorizer;

	private final BrokerEvents events;

	public PublishRouter(SubscriptionIndex index, RetainedStore retained, Authorizer authorizer, BrokerEvents events) {
		this.index = index;
		this.retained = retained;
		this.authorizer = authorizer;
		this.events = events;
	}

	/**
	 * Routes a message already authorized for publishing: stores or clears it as retained
	 * when its retain flag is set, then delivers it to every matching session. Safe to
	 * call from any thread.
	 * @param message the message
	 */
	public void publish(Message message) {
		if (message.retain()) {
			if (message.payload().length == 0) {
				this.retained.remove(message.topic());
			}
			else {
				this.retained.put(message);
			}
		}
		List<Subscription> matches = this.index.match(message.topic());
		if (matches.isEmpty()) {
			return;
		}
		ByteBuf[] encoded = new ByteBuf[3];
		try {
			if (matches.size() == 1) {
				Subscription only = matches.get(0);
				deliver(message, (Session) only.subscriber(), only.qos(), encoded);
			}
			else {
				for (Map.Entry<Session, Integer> target : highestQosBySession(matches).entrySet()) {
					deliver(message, target.getKey(), target.getValue(), encoded);
				}
			}
		}
		finally {
			for (ByteBuf buffer : encoded) {
				if (buffer != null) {
					buffer.release();
				}
			}
		}
	}

	private static Map<Session, Integer> highestQosBySession(List<Subscription> matches) {
		Map<Session, Integer> targets = new HashMap<>(matches.size() * 2);
		for (Subscription subscription : matches) {
			targets.merge((Session) subscription.subscriber(), subscription.qos(), Math::max);
		}
		return targets;
	}

	private void deliver(Message message, Session session, int grantedQos, ByteBuf[] encoded) {
		ClientInfo client = session.client();
		if (client != null && !this.authorizer.canReceive(client, message.topic())) {
			this.events.messageDropped(session.clientId(), message, DropReason.RECEIVE_NOT_AUTHORIZED);
			return;
		}
		int qos = Math.min(message.qos(), grantedQos);
		if (encoded[qos] == null) {
			encoded[qos] = PublishEncoder.encode(message, qos);
		}
		session.deliver(message, qos, false, encoded[qos].retainedDuplicate());
	}

}
