package dev.mqttstack.broker.session;

import java.util.List;

import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.store.SessionState;
import dev.mqttstack.broker.store.SessionStore;
import dev.mqttstack.broker.subscription.Subscription;

/**
 * The durable journaling hooks of one session: while the session is durable (it has an
 * expiry interval), every change that must survive a restart is told to the
 * {@link SessionStore} as it happens.
 * <p>
 * Whether it is durable is read from publisher threads; everything else runs on the
 * session's owner loop.
 */
final class SessionJournal {

	private final String clientId;

	private final SessionStore store;

	private final MessageIds messageIds;

	private volatile boolean durable;

	SessionJournal(String clientId, SessionStore store, MessageIds messageIds) {
		this.clientId = clientId;
		this.store = store;
		this.messageIds = messageIds;
	}

	SessionStore store() {
		return this.store;
	}

	boolean isDurable() {
		return this.durable;
	}

	void durable(boolean durable) {
		this.durable = durable;
	}

	/**
	 * Journals a QoS 1/2 message bound for a durable session; one message bound for
	 * several sessions from one thread keeps one identifier. On the publisher's thread.
	 * @return the message identifier in the store, 0 when not journaled
	 */
	long queued(Message message, int qos, boolean retain, List<Integer> subscriptionIds) {
		if (qos == 0 || !this.durable) {
			return 0;
		}
		long id = this.messageIds.idOf(message);
		this.store.messageQueued(this.clientId, id, message, qos, retain, subscriptionIds);
		return id;
	}

	/** A journaled message was sent with a packet identifier. */
	void sent(long storeId, int packetId) {
		if (storeId != 0) {
			this.store.messageSent(this.clientId, storeId, packetId);
		}
	}

	/** A journaled QoS 2 message was received by the client: PUBREL is next. */
	void released(long storeId) {
		this.store.messageReleased(this.clientId, storeId);
	}

	/** A journaled message left the session. */
	void removed(long storeId) {
		if (storeId != 0) {
			this.store.messageRemoved(this.clientId, storeId);
		}
	}

	void inboundQos2Received(int packetId) {
		if (this.durable) {
			this.store.inboundQos2Received(this.clientId, packetId);
		}
	}

	void inboundQos2Released(int packetId) {
		if (this.durable) {
			this.store.inboundQos2Released(this.clientId, packetId);
		}
	}

	void subscriptionAdded(Subscription subscription) {
		if (this.durable) {
			this.store.subscriptionAdded(this.clientId, SessionSubscriptions.stored(subscription));
		}
	}

	void subscriptionRemoved(String topicFilter) {
		if (this.durable) {
			this.store.subscriptionRemoved(this.clientId, topicFilter);
		}
	}

	/**
	 * The session got a connection and an expiry interval: stored before publishers see
	 * it durable.
	 */
	void connected(SessionState.Owner owner, long expiryInterval) {
		this.store.sessionConnected(this.clientId, owner, expiryInterval);
	}

	/** Removes the session from the store. */
	void discard() {
		this.store.remove(this.clientId);
	}

}
