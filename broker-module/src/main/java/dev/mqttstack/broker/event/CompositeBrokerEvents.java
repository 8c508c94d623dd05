package dev.mqttstack.broker.event;

import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.ReasonCode;
import dev.mqttstack.broker.message.Message;

/**
 * Fans each broker event out to its listeners, in order, each isolated from the others
 * and from the broker: a listener that throws is logged (a warning with the stack trace
 * the first time per listener and kind of event, debug afterwards) and the broker goes on
 * with the connect, subscribe or publish that raised the event.
 */
final class CompositeBrokerEvents implements BrokerEvents {

	private static final Logger logger = LoggerFactory.getLogger(CompositeBrokerEvents.class);

	private final Listener[] listeners;

	CompositeBrokerEvents(List<BrokerEvents> listeners) {
		this.listeners = listeners.stream().map(Listener::new).toArray(Listener[]::new);
	}

	@Override
	public void clientConnected(ClientInfo client, boolean sessionPresent) {
		fire(Kind.CLIENT_CONNECTED, (listener) -> listener.clientConnected(client, sessionPresent));
	}

	@Override
	public void connectionRefused(String clientId, String username, SocketAddress remoteAddress,
			ReasonCode reasonCode) {
		fire(Kind.CONNECTION_REFUSED,
				(listener) -> listener.connectionRefused(clientId, username, remoteAddress, reasonCode));
	}

	@Override
	public void clientDisconnected(ClientInfo client, DisconnectReason reason) {
		fire(Kind.CLIENT_DISCONNECTED, (listener) -> listener.clientDisconnected(client, reason));
	}

	@Override
	public void subscribed(ClientInfo client, String topicFilter, int grantedQos) {
		fire(Kind.SUBSCRIBED, (listener) -> listener.subscribed(client, topicFilter, grantedQos));
	}

	@Override
	public void unsubscribed(ClientInfo client, String topicFilter) {
		fire(Kind.UNSUBSCRIBED, (listener) -> listener.unsubscribed(client, topicFilter));
	}

	@Override
	public void messagePublished(Message message) {
		fire(Kind.MESSAGE_PUBLISHED, (listener) -> listener.messagePublished(message));
	}

	@Override
	public void messageDropped(String clientId, Message message, DropReason reason) {
		fire(Kind.MESSAGE_DROPPED, (listener) -> listener.messageDropped(clientId, message, reason));
	}

	@Override
	public void limitReached(Limit limit, String clientId, SocketAddress remoteAddress) {
		fire(Kind.LIMIT_REACHED, (listener) -> listener.limitReached(limit, clientId, remoteAddress));
	}

	private void fire(Kind kind, Consumer<BrokerEvents> event) {
		for (Listener listener : this.listeners) {
			try {
				event.accept(listener.delegate);
			}
			catch (RuntimeException | LinkageError ex) {
				listener.failed(kind, ex);
			}
		}
	}

	/** The kinds of event, each logged once per listener when it fails. */
	private enum Kind {

		CLIENT_CONNECTED, CONNECTION_REFUSED, CLIENT_DISCONNECTED, SUBSCRIBED, UNSUBSCRIBED, MESSAGE_DROPPED,
		LIMIT_REACHED, MESSAGE_PUBLISHED

	}

	/** A listener and the kinds of event it has failed on so far. */
	private static final class Listener {

		final BrokerEvents delegate;

		final AtomicInteger failedKinds = new AtomicInteger();

		Listener(BrokerEvents delegate) {
			this.delegate = delegate;
		}

		void failed(Kind kind, Throwable ex) {
			int bit = 1 << kind.ordinal();
			if ((this.failedKinds.getAndUpdate((kinds) -> kinds | bit) & bit) == 0) {
				logger.warn("Event listener {} failed on {}; the broker goes on without it for this event "
						+ "(later failures of this kind are logged at debug level)", this.delegate, kind, ex);
			}
			else {
				logger.debug("Event listener {} failed on {} again", this.delegate, kind, ex);
			}
		}

	}

}
