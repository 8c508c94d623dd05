package dev.mqttstack.admin.broker;

import dev.mqttstack.broker.subscription.SharedSubscriptionStrategy;

/**
 * Names of broker-module's {@link SharedSubscriptionStrategy} constants, for
 * {@code mqtt.broker.shared-subscription-strategy}.
 */
public enum SharedSubscriptionPolicy {

	/** Takes turns among connected members. */
	ROUND_ROBIN(SharedSubscriptionStrategy.ROUND_ROBIN),

	/** Picks a connected member at random. */
	RANDOM(SharedSubscriptionStrategy.RANDOM),

	/** Keeps sending to the same member while it stays connected. */
	STICKY(SharedSubscriptionStrategy.STICKY),

	/** Sends every message of one publisher to the same member, keeping its order. */
	PUBLISHER_HASH(SharedSubscriptionStrategy.PUBLISHER_HASH);

	private final SharedSubscriptionStrategy strategy;

	SharedSubscriptionPolicy(SharedSubscriptionStrategy strategy) {
		this.strategy = strategy;
	}

	/**
	 * The broker's strategy of this name.
	 * @return the strategy
	 */
	public SharedSubscriptionStrategy strategy() {
		return this.strategy;
	}

}
