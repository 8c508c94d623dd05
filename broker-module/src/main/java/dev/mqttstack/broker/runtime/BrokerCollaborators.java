package dev.mqttstack.broker.runtime;

import java.util.Map;
import java.util.Objects;

import dev.mqttstack.broker.cluster.Cluster;
import dev.mqttstack.broker.event.BrokerEvents;
import dev.mqttstack.broker.security.Authenticator;
import dev.mqttstack.broker.security.Authorizer;
import dev.mqttstack.broker.security.EnhancedAuthenticator;
import dev.mqttstack.broker.store.RetainedStore;
import dev.mqttstack.broker.store.SessionStore;
import dev.mqttstack.broker.subscription.SharedSubscriptionStrategy;
import dev.mqttstack.broker.time.BrokerClock;

/**
 * What a broker is built with besides its settings: the SPI implementations the embedding
 * application plugs in.
 *
 * @param authenticator decides CONNECTs
 * @param enhancedAuthenticators MQTT 5 enhanced authentication by method name
 * @param authorizer decides publish, subscribe and receive
 * @param sessionStore keeps persistent sessions
 * @param retainedStore keeps retained messages
 * @param events the event listener (a composite of every one added)
 * @param sharedStrategy picks the member of a shared subscription group
 * @param clock time and timers of expiry, will delay and message timestamps
 * @param cluster the cluster this broker is a node of, or the single-node default
 */
public record BrokerCollaborators(Authenticator authenticator,
		Map<String, EnhancedAuthenticator> enhancedAuthenticators, Authorizer authorizer, SessionStore sessionStore,
		RetainedStore retainedStore, BrokerEvents events, SharedSubscriptionStrategy sharedStrategy, BrokerClock clock,
		Cluster cluster) {

	public BrokerCollaborators(Authenticator authenticator, Map<String, EnhancedAuthenticator> enhancedAuthenticators,
			Authorizer authorizer, SessionStore sessionStore, RetainedStore retainedStore, BrokerEvents events,
			SharedSubscriptionStrategy sharedStrategy, BrokerClock clock) {
		this(authenticator, enhancedAuthenticators, authorizer, sessionStore, retainedStore, events, sharedStrategy,
				clock, Cluster.singleNode());
	}

	public BrokerCollaborators {
		Objects.requireNonNull(authenticator, "authenticator");
		enhancedAuthenticators = Map.copyOf(enhancedAuthenticators);
		Objects.requireNonNull(authorizer, "authorizer");
		Objects.requireNonNull(sessionStore, "sessionStore");
		Objects.requireNonNull(retainedStore, "retainedStore");
		Objects.requireNonNull(events, "events");
		Objects.requireNonNull(sharedStrategy, "sharedStrategy");
		Objects.requireNonNull(clock, "clock");
		Objects.requireNonNull(cluster, "cluster");
	}

}
