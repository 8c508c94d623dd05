package dev.mqttstack.broker.session;

import dev.mqttstack.broker.BrokerConfig;
import dev.mqttstack.broker.event.BrokerEvents;
import dev.mqttstack.broker.store.SessionStore;
import dev.mqttstack.broker.subscription.SharedGroups;
import dev.mqttstack.broker.subscription.SubscriptionIndex;
import dev.mqttstack.broker.sys.BrokerMetrics;
import dev.mqttstack.broker.time.BrokerClock;

/**
 * The collaborators every session of a broker shares, handed to each session by the
 * {@link SessionRegistry} so that a session's parts name what they depend on.
 *
 * @param config the broker settings
 * @param index the subscription index
 * @param sharedGroups the shared subscription groups over the index
 * @param store the session store
 * @param events the event listener
 * @param metrics the counters
 * @param clock the time and timers
 * @param messageIds identifiers of journaled messages
 */
record SessionContext(BrokerConfig config, SubscriptionIndex index, SharedGroups sharedGroups, SessionStore store,
		BrokerEvents events, BrokerMetrics metrics, BrokerClock clock, MessageIds messageIds) {
}
