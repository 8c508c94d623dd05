package dev.mqttstack.broker.session;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.mqttstack.broker.BrokerConfig;
import dev.mqttstack.broker.event.BrokerEvents;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.store.InMemorySessionStore;
import dev.mqttstack.broker.subscription.SharedGroups;
import dev.mqttstack.broker.subscription.TrieSubscriptionIndex;
import dev.mqttstack.broker.sys.BrokerMetrics;
import dev.mqttstack.broker.time.BrokerClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A delivery handed to a session's event loop from another thread, while the session
 * moves to another loop (a take-over): everything the delivery does to the session's
 * state, its in-transit count included, happens on the loop that owns the session when it
 * runs, never on the loop it was first handed to.
 */
class SessionHandOffTests {

	private final DefaultEventExecutor oldLoop = new DefaultEventExecutor();

	private final DefaultEventExecutor newLoop = new DefaultEventExecutor();

	@AfterEach
	void stopLoops() {
		this.oldLoop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
		this.newLoop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
	}

	@Test
	void aDeliveryOvertakenByATakeOverRunsWhollyOnTheNewOwnerLoop() throws Exception {
		Session session = new Session("moving", this.oldLoop, context());
		CountDownLatch oldLoopHeld = hold(this.oldLoop);
		CountDownLatch newLoopHeld = hold(this.newLoop);

		session.deliver(Message.of("t/1", "x", 1, false), 1, false, null, List.of(), null);
		assertThat(session.backpressure().inTransit()).isEqualTo(1);
		session.moveTo(this.newLoop);
		oldLoopHeld.countDown();
		this.oldLoop.submit(() -> {
		}).get(10, TimeUnit.SECONDS);

		assertThat(session.backpressure().inTransit())
			.as("the old loop passed the delivery on without touching the session's state")
			.isEqualTo(1);
		newLoopHeld.countDown();
		await().until(() -> session.backpressure().inTransit() == 0);
		assertThat(this.newLoop.submit(session::queuedBytes).get(10, TimeUnit.SECONDS))
			.as("queued by the new owner loop")
			.isPositive();
	}

	private static CountDownLatch hold(EventExecutor loop) {
		CountDownLatch held = new CountDownLatch(1);
		loop.execute(() -> {
			try {
				held.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		return held;
	}

	private static SessionContext context() {
		TrieSubscriptionIndex index = new TrieSubscriptionIndex();
		return new SessionContext(BrokerConfig.DEFAULTS, index, new SharedGroups(index), new InMemorySessionStore(),
				BrokerEvents.NONE, new BrokerMetrics(), BrokerClock.system(), new MessageIds());
	}

}
