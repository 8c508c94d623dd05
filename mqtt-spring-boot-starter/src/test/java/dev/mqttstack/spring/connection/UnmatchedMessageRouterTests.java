/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.connection;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link UnmatchedMessageRouter}, with strings standing in for the client's
 * messages.
 */
class UnmatchedMessageRouterTests {

	private final List<String> acknowledged = new CopyOnWriteArrayList<>();

	private final UnmatchedMessageRouter<String> router = new UnmatchedMessageRouter<>(this.acknowledged::add);

	private final List<String> delivered = new CopyOnWriteArrayList<>();

	private final BiConsumer<String, String> delivery = (topic, message) -> this.delivered.add(topic + "=" + message);

	@Test
	void startedSubscriptionReceivesAMessageAtOnce() {
		this.router.route(this, new String[] { "a/+" }, this.delivery);
		this.router.started(this);
		this.router.offer("a/1", "m");
		assertThat(this.delivered).containsExactly("a/1=m");
	}

	@Test
	void sharedFilterMatchesWithoutItsGroupPrefix() {
		this.router.route(this, new String[] { "$share/workers/jobs/#" }, this.delivery);
		this.router.started(this);
		this.router.offer("jobs/x/y", "m");
		assertThat(this.delivered).containsExactly("jobs/x/y=m");
	}

	@Test
	void messageForAStartingSubscriptionIsHandedOverOnceItStarted() {
		this.router.route(this, new String[] { "a" }, this.delivery);
		this.router.offer("a", "early");
		assertThat(this.delivered).isEmpty();
		this.router.started(this);
		assertThat(this.delivered).containsExactly("a=early");
		assertThat(this.acknowledged).isEmpty();
	}

	@Test
	void messageMatchingNoSubscriptionIsKeptForTheFirstThatMatches() {
		this.router.offer("b", "redelivered");
		Object other = new Object();
		this.router.route(other, new String[] { "a" }, (topic, message) -> this.delivered.add("other"));
		this.router.started(other);
		this.router.route(this, new String[] { "b" }, this.delivery);
		this.router.started(this);
		assertThat(this.delivered).containsExactly("b=redelivered");
	}

	@Test
	void messageForAStoppedSubscriptionIsAcknowledgedAndDropped() {
		this.router.route(this, new String[] { "a" }, this.delivery);
		this.router.started(this);
		this.router.release(this);
		this.router.offer("a", "late");
		this.router.route(this, new String[] { "a" }, this.delivery);
		this.router.started(this);
		assertThat(this.delivered).isEmpty();
		assertThat(this.acknowledged).containsExactly("late");
	}

	@Test
	void keptMessageOfAStoppingSubscriptionIsAcknowledgedAndDropped() {
		this.router.route(this, new String[] { "a" }, this.delivery);
		this.router.offer("a", "early");
		this.router.release(this);
		assertThat(this.delivered).isEmpty();
		assertThat(this.acknowledged).containsExactly("early");
	}

	@Test
	void restartedSubscriptionReceivesAgain() {
		this.router.route(this, new String[] { "a" }, this.delivery);
		this.router.started(this);
		this.router.release(this);
		this.router.route(this, new String[] { "a" }, this.delivery);
		this.router.started(this);
		this.router.offer("a", "again");
		assertThat(this.delivered).containsExactly("a=again");
	}

	@Test
	void keepsAtMostItsCapacityAndLeavesTheRestUnacknowledged() {
		for (int i = 0; i <= UnmatchedMessageRouter.CAPACITY; i++) {
			this.router.offer("a", "m" + i);
		}
		this.router.route(this, new String[] { "a" }, this.delivery);
		this.router.started(this);
		assertThat(this.delivered).hasSize(UnmatchedMessageRouter.CAPACITY).doesNotContain("a=m1000");
		assertThat(this.acknowledged).isEmpty();
	}

}
