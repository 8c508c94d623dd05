package dev.mqttstack.broker.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mqttstack.broker.event.BrokerEvents;
import dev.mqttstack.broker.event.DropReason;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.sys.BrokerMetrics;

/**
 * Reporter of the messages a session drops: each one is counted and is an event, the
 * first and every thousandth a log line. On the session's owner loop.
 */
final class SessionDrops {

	private static final Logger logger = LoggerFactory.getLogger(Session.class);

	private final String clientId;

	private final BrokerMetrics metrics;

	private final BrokerEvents events;

	private long dropped;

	SessionDrops(String clientId, BrokerMetrics metrics, BrokerEvents events) {
		this.clientId = clientId;
		this.metrics = metrics;
		this.events = events;
	}

	void drop(Message message, DropReason reason) {
		this.dropped++;
		this.metrics.messageDropped();
		this.events.messageDropped(this.clientId, message, reason);
		if (this.dropped == 1 || this.dropped % 1000 == 0) {
			logger.warn("Dropped a message on '{}' for client {}: {} ({} dropped for this session so far)",
					message.topic(), this.clientId, reason, this.dropped);
		}
	}

}
