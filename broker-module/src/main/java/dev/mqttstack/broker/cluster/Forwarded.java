package dev.mqttstack.broker.cluster;

import java.util.Objects;
import java.util.Set;

import dev.mqttstack.broker.message.Message;

/**
 * A message one node sends another: the message as published and which of the receiving
 * node's subscriptions it is for.
 *
 * @param message the message, with its QoS, retain flag, properties and publisher
 * @param direct whether the node's ordinary (not shared) subscriptions receive it
 * @param shares the full {@code $share/{group}/{filter}} filters of the shared groups of
 * which the node delivers it to one member
 */
public record Forwarded(Message message, boolean direct, Set<String> shares) {

	public Forwarded {
		Objects.requireNonNull(message, "message");
		shares = Set.copyOf(shares);
	}

}
