package dev.mqttstack.broker.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.cluster.Cluster;
import dev.mqttstack.broker.cluster.Forwarded;
import dev.mqttstack.broker.cluster.LocalShare;
import dev.mqttstack.broker.cluster.RoutePlan;
import dev.mqttstack.broker.event.BrokerEvents;
import dev.mqttstack.broker.event.DropReason;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.security.Authorizer;
import dev.mqttstack.broker.connection.MqttConnection;
import dev.mqttstack.broker.session.PublishWriter;
import dev.mqttstack.broker.session.Session;
import dev.mqttstack.broker.store.RetainedStore;
import dev.mqttstack.broker.subscription.SharedGroup;
import dev.mqttstack.broker.subscription.SharedSubscriptionStrategy;
import dev.mqttstack.broker.subscription.Subscription;
import dev.mqttstack.broker.subscription.SubscriptionIndex;
import dev.mqttstack.broker.time.BrokerClock;

/**
 * Fans one published message out to the sessions whose subscriptions match its topic:
 * matched once, a subscriber with several matching filters served once at its highest
 * granted QoS, encoded once per delivery QoS and protocol and shared.
 */
public final class PublishRouter {

	private final SubscriptionIndex index;

	private final RetainedStore retained;

	private final Authorizer authorizer;

	private final BrokerEvents events;

	private final SharedSubscriptionStrategy sharedStrategy;

	private final BrokerClock clock;

	/**
	 * The cluster, {@code null} on a single node: the publish path then never asks it.
	 */
	private final Cluster cluster;

	public PublishRouter(SubscriptionIndex index, RetainedStore retained, Authorizer authorizer, BrokerEvents events,
			SharedSubscriptionStrategy sharedStrategy) {
		this(index, retained, authorizer, events, sharedStrategy, BrokerClock.system());
	}

	public PublishRouter(SubscriptionIndex index, RetainedStore retained, Authorizer authorizer, BrokerEvents events,
			SharedSubscriptionStrategy sharedStrategy, BrokerClock clock) {
		this(index, retained, authorizer, events, sharedStrategy, clock, Cluster.singleNode());
	}

	public PublishRouter(SubscriptionIndex index, RetainedStore retained, Authorizer authorizer, BrokerEvents events,
			SharedSubscriptionStrategy sharedStrategy, BrokerClock clock, Cluster cluster) {
		this.cluster = cluster.isSingleNode() ? null : cluster;
		this.clock = clock;
		this.sharedStrategy = sharedStrategy;
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
	 * @return how many sessions it was delivered to
	 */
	public int publish(Message message) {
		return publish(message, null);
	}

	/**
	 * Routes a message from a client: as {@link #publish(Message)}, and the client is
	 * slowed while a subscriber it publishes to is backed up. On the client's event loop.
	 * @param message the message
	 * @param publisher the client's connection, or {@code null} for none
	 * @return how many sessions it was delivered to, and other nodes it was forwarded to
	 */
	public int publish(Message message, MqttConnection publisher) {
		this.events.messagePublished(message);
		if (message.retain()) {
			if (message.payload().length == 0) {
				this.retained.remove(message.topic());
			}
			else {
				this.retained.put(message);
			}
		}
		if (this.cluster == null) {
			return route(message, publisher, true, LocalShare.ALL);
		}
		RoutePlan plan = this.cluster.forward(message);
		return route(message, publisher, true, plan.local()) + plan.remote().size();
	}

	/**
	 * Delivers a message another node forwarded to the local subscriptions it is for;
	 * neither stored as retained nor forwarded again. Safe to call from any thread.
	 * @param forwarded the message and its local subscriptions
	 * @return how many sessions it was delivered to
	 */
	public int deliver(Forwarded forwarded) {
		return route(forwarded.message(), null, forwarded.direct(), new LocalShare(forwarded.shares()));
	}

	private int route(Message message, MqttConnection publisher, boolean direct, LocalShare share) {
		List<Subscription> matches = this.index.match(message.topic());
		if (matches.isEmpty()) {
			return 0;
		}
		if (direct && matches.size() == 1 && !(matches.get(0).subscriber() instanceof SharedGroup)) {
			// a single recipient: its channel's encoder writes the message, nothing to
			// share
			Subscription only = matches.get(0);
			Target target = new Target(only.qos());
			return (target.add(only, message)
					&& deliver(message, (Session) only.subscriber(), target, null, null, publisher)) ? 1 : 0;
		}
		ByteBuf[] encoded = new ByteBuf[6];
		try {
			int delivered = 0;
			Map<Session, Target> targets = new HashMap<>(matches.size() * 2);
			for (Subscription subscription : matches) {
				if (subscription.subscriber() instanceof SharedGroup group) {
					if (share == LocalShare.ALL
							|| share.serves(SharedGroup.PREFIX + group.shareName() + "/" + group.topicFilter())) {
						delivered += deliverShared(message, group, encoded, publisher) ? 1 : 0;
					}
				}
				else if (direct) {
					targets.computeIfAbsent((Session) subscription.subscriber(), (session) -> new Target(-1))
						.add(subscription, message);
				}
			}
			for (Map.Entry<Session, Target> target : targets.entrySet()) {
				if (target.getValue().qos >= 0
						&& deliver(message, target.getKey(), target.getValue(), encoded, null, publisher)) {
					delivered++;
				}
			}
			return delivered;
		}
		finally {
			for (ByteBuf buffer : encoded) {
				if (buffer != null) {
					buffer.release();
				}
			}
		}
	}

	/**
	 * Delivers to the one member of a shared subscription group that the strategy picks.
	 */
	private boolean deliverShared(Message message, SharedGroup group, ByteBuf[] encoded, MqttConnection publisher) {
		List<Subscription> members = group.members();
		if (members.isEmpty()) {
			return false;
		}
		Subscription member = this.sharedStrategy.select(group, members, message,
				(candidate) -> ((Session) candidate.subscriber()).isOnline());
		Target target = new Target(member.qos());
		target.add(member, message);
		return deliver(message, (Session) member.subscriber(), target, encoded, member.topicFilter(), publisher);
	}

	private boolean deliver(Message message, Session session, Target target, ByteBuf[] encoded, String shareKey,
			MqttConnection publisher) {
		ClientInfo client = session.client();
		if (client != null && !this.authorizer.canReceive(client, message.topic())) {
			this.events.messageDropped(session.clientId(), message, DropReason.RECEIVE_NOT_AUTHORIZED);
			return false;
		}
		int qos = Math.min(message.qos(), target.qos);
		ByteBuf shared = null;
		boolean mqtt5 = client != null && client.protocolVersion() == 5;
		if (encoded != null && client != null && PublishWriter.isShareable(target.retain, target.ids)) {
			int slot = (mqtt5 ? 3 : 0) + qos;
			if (encoded[slot] == null) {
				encoded[slot] = PublishWriter.encodeShared(message, qos, mqtt5, this.clock.millis());
			}
			shared = encoded[slot].retainedDuplicate();
		}
		session.deliver(message, qos, target.retain, shared, mqtt5, target.ids, shareKey);
		if (publisher != null && session.isBackedUp() && publisher.session() != session) {
			session.holdBack(publisher);
		}
		return true;
	}

	/** What one session gets from the subscriptions of it that matched. */
	private static final class Target {

		int qos;

		boolean retain;

		List<Integer> ids = List.of();

		Target(int qos) {
			this.qos = qos;
		}

		/** Adds a matching subscription; {@code false} when no-local excludes it. */
		boolean add(Subscription subscription, Message message) {
			if (subscription.noLocal() && subscription.subscriber().clientId().equals(message.publisherId())) {
				return false;
			}
			this.qos = Math.max(this.qos, subscription.qos());
			this.retain |= subscription.retainAsPublished() && message.retain();
			if (subscription.subscriptionId() > 0) {
				if (this.ids.isEmpty()) {
					this.ids = new ArrayList<>(2);
				}
				this.ids.add(subscription.subscriptionId());
			}
			return true;
		}

	}

}
