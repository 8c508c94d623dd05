package dev.mqttstack.broker.subscription;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import dev.mqttstack.broker.message.Message;

/**
 * Picks the member of a shared subscription group ({@code $share/{group}/{filter}}) that
 * receives a message. Implementations are called from any event loop and must be
 * thread-safe; they should prefer members whose client is connected.
 */
@FunctionalInterface
public interface SharedSubscriptionStrategy {

	/** Takes turns among connected members: the default. */
	SharedSubscriptionStrategy ROUND_ROBIN = (group, members, message, connected) -> {
		int start = group.nextTurn();
		for (int i = 0; i < members.size(); i++) {
			Subscription candidate = members.get(Math.floorMod(start + i, members.size()));
			if (connected.test(candidate)) {
				return candidate;
			}
		}
		return members.get(Math.floorMod(start, members.size()));
	};

	/** Picks a connected member at random. */
	SharedSubscriptionStrategy RANDOM = (group, members, message, connected) -> {
		List<Subscription> online = members.stream().filter(connected).toList();
		List<Subscription> pool = online.isEmpty() ? members : online;
		return pool.get(ThreadLocalRandom.current().nextInt(pool.size()));
	};

	/** Keeps sending to the same member while it stays connected. */
	SharedSubscriptionStrategy STICKY = (group, members, message,
			connected) -> members.stream().filter(connected).findFirst().orElse(members.get(0));

	/**
	 * Sends every message of one publisher to the same member, keeping that publisher's
	 * order.
	 */
	SharedSubscriptionStrategy PUBLISHER_HASH = (group, members, message, connected) -> {
		int hash = (message.publisherId() != null) ? message.publisherId().hashCode() : message.topic().hashCode();
		return members.get(Math.floorMod(hash, members.size()));
	};

	/**
	 * Picks the member that receives a message.
	 * @param group the group
	 * @param members its members, never empty
	 * @param message the message
	 * @param connected tells whether a member's client is connected
	 * @return the chosen member
	 */
	Subscription select(SharedGroup group, List<Subscription> members, Message message,
			Predicate<Subscription> connected);

}
