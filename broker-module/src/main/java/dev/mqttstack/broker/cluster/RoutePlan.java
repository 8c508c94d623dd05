package dev.mqttstack.broker.cluster;

import java.util.Map;

/**
 * Where a message published on this node goes: one {@link Forwarded} per other node, and
 * this node's own share.
 *
 * @param remote the message for each other node, by node identifier
 * @param local what this node delivers itself
 */
public record RoutePlan(Map<String, Forwarded> remote, LocalShare local) {

	/** No other node matches: this node delivers everything itself. */
	public static final RoutePlan LOCAL_ONLY = new RoutePlan(Map.of(), LocalShare.ALL);

}
