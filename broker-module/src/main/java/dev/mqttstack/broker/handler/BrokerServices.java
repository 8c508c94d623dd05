package dev.mqttstack.broker.handler;

import dev.mqttstack.broker.BrokerConfig;
import dev.mqttstack.broker.event.BrokerEvents;
import dev.mqttstack.broker.routing.PublishRouter;
import dev.mqttstack.broker.security.Authenticator;
import dev.mqttstack.broker.security.Authorizer;
import dev.mqttstack.broker.session.SessionRegistry;
import dev.mqttstack.broker.store.RetainedStore;
import dev.mqttstack.broker.sys.BrokerMetrics;

/**
 * The services the handlers of every connection delegate to.
 *
 * @param config the broker settings
 * @param sessions the session registry
 * @param router the publish router
 * @param retained the retained messages
 * @param authenticator decides CONNECTs
 * @param enhancedAuthenticators MQTT 5 enhanced authentication by method name
 * @param authorizer decides publish, subscribe and receive
 * @param events the event listener
 * @param metrics the counters
 */
public record BrokerServices(BrokerConfig config, SessionRegistry sessions, PublishRouter router,
		RetainedStore retained, Authenticator authenticator,
		java.util.Map<String, dev.mqttstack.broker.security.EnhancedAuthenticator> enhancedAuthenticators,
		Authorizer authorizer, BrokerEvents events, BrokerMetrics metrics) {
}
