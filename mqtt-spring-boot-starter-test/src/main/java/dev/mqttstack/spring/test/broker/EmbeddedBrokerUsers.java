/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.test.broker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.ReasonCode;
import dev.mqttstack.broker.security.AuthenticationRequest;
import dev.mqttstack.broker.security.AuthenticationResult;
import dev.mqttstack.broker.security.Authenticator;
import dev.mqttstack.broker.security.Authorizer;
import dev.mqttstack.broker.subscription.SharedGroup;
import dev.mqttstack.broker.subscription.TopicFilter;

/**
 * Authenticator and authorizer of an embedded broker's {@link EmbeddedMqttBroker.User
 * users}: a password per user and the topic filters each may use.
 */
final class EmbeddedBrokerUsers implements Authenticator, Authorizer {

	private final Map<String, EmbeddedMqttBroker.User> users = new LinkedHashMap<>();

	EmbeddedBrokerUsers(EmbeddedMqttBroker.User[] users) {
		for (EmbeddedMqttBroker.User user : users) {
			this.users.put(user.name(), user);
		}
	}

	@Override
	public CompletionStage<AuthenticationResult> authenticate(AuthenticationRequest request) {
		EmbeddedMqttBroker.User user = (request.username() != null) ? this.users.get(request.username()) : null;
		if (user == null) {
			return CompletableFuture.completedFuture(AuthenticationResult.refuse(ReasonCode.NOT_AUTHORIZED));
		}
		byte[] expected = user.password().getBytes(StandardCharsets.UTF_8);
		byte[] given = (request.password() != null) ? request.password() : new byte[0];
		return CompletableFuture.completedFuture(MessageDigest.isEqual(expected, given) ? AuthenticationResult.accept()
				: AuthenticationResult.refuse(ReasonCode.BAD_USER_NAME_OR_PASSWORD));
	}

	@Override
	public boolean canPublish(ClientInfo client, String topic, int qos, boolean retain) {
		return allowedTopic(client, topic);
	}

	@Override
	public boolean canReceive(ClientInfo client, String topic) {
		return allowedTopic(client, topic);
	}

	@Override
	public boolean canSubscribe(ClientInfo client, String topicFilter, int qos) {
		String filter = SharedGroup.isShared(topicFilter) ? SharedGroup.topicFilter(topicFilter) : topicFilter;
		List<String> allowed = allowed(client);
		return allowed == null || allowed.stream().anyMatch((allow) -> within(filter, allow));
	}

	private boolean allowedTopic(ClientInfo client, String topic) {
		List<String> allowed = allowed(client);
		return allowed == null || allowed.stream().anyMatch((allow) -> TopicFilter.parse(allow).matches(topic));
	}

	private List<String> allowed(ClientInfo client) {
		EmbeddedMqttBroker.User user = (client.username() != null) ? this.users.get(client.username()) : null;
		if (user == null) {
			return List.of();
		}
		return (user.allow().length == 0) ? null : List.of(user.allow());
	}

	/**
	 * Whether every topic a filter matches is matched by an allowed filter.
	 */
	static boolean within(String filter, String allow) {
		String[] wanted = TopicFilter.levels(filter);
		String[] granted = TopicFilter.levels(allow);
		for (int i = 0; i < granted.length; i++) {
			if (granted[i].equals("#")) {
				return true;
			}
			if (i >= wanted.length || wanted[i].equals("#")) {
				return false;
			}
			if (!granted[i].equals("+") && !granted[i].equals(wanted[i])) {
				return false;
			}
		}
		return wanted.length == granted.length;
	}

}
