package dev.mqttstack.admin.cluster;

import java.util.UUID;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.event.TransactionalEventListener;

import dev.mqttstack.admin.acl.AclRulesChangedEvent;
import dev.mqttstack.admin.user.MqttUserChangedEvent;

/**
 * Carries user and ACL changes to every node of the cluster: once a change is committed
 * on one node, the same event is published on the others, where the ACL snapshot reloads
 * and cached logins are forgotten (and clients disconnected when the change asks for it)
 * as for a local change. Over a Hazelcast topic rather than PostgreSQL LISTEN/NOTIFY: the
 * nodes that must hear it are exactly the cluster's members, it needs no connection held
 * out of the pool, and it arrives within milliseconds.
 */
final class ClusterChangeBroadcaster implements DisposableBean {

	static final String TOPIC = "mqtt-admin-changes";

	private static final Logger logger = LoggerFactory.getLogger(ClusterChangeBroadcaster.class);

	/** Set while a change from another node is applied here, so it is not sent back. */
	private static final ThreadLocal<Boolean> applyingRemote = ThreadLocal.withInitial(() -> false);

	private final ITopic<String> topic;

	private final ApplicationEventPublisher events;

	private final UUID listener;

	ClusterChangeBroadcaster(HazelcastInstance hazelcast, ApplicationEventPublisher events) {
		this.topic = hazelcast.getTopic(TOPIC);
		this.events = events;
		this.listener = this.topic.addMessageListener(this::received);
	}

	@TransactionalEventListener(fallbackExecution = true)
	void onAclRulesChanged(AclRulesChangedEvent event) {
		send("A");
	}

	@TransactionalEventListener(fallbackExecution = true)
	void onUserChanged(MqttUserChangedEvent event) {
		send((event.disconnectClients() ? "D" : "U") + event.username());
	}

	private void send(String change) {
		if (!applyingRemote.get()) {
			this.topic.publish(change);
		}
	}

	private void received(Message<String> message) {
		if (message.getPublishingMember() != null && message.getPublishingMember().localMember()) {
			return;
		}
		String change = message.getMessageObject();
		applyingRemote.set(true);
		try {
			switch (change.charAt(0)) {
				case 'A' -> this.events.publishEvent(new AclRulesChangedEvent());
				case 'U', 'D' ->
					this.events.publishEvent(new MqttUserChangedEvent(change.substring(1), change.charAt(0) == 'D'));
				default -> logger.warn("Unknown cluster change {}", change.charAt(0));
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not apply a change made on another node", ex);
		}
		finally {
			applyingRemote.remove();
		}
	}

	@Override
	public void destroy() {
		try {
			this.topic.removeMessageListener(this.listener);
		}
		catch (RuntimeException ex) {
			// Hazelcast is already down
		}
	}

}
