package dev.mqttstack.broker.session;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.mqttstack.broker.time.BrokerClock;

/**
 * The timers of an offline session: its end when the expiry interval has passed, and its
 * client's will when the MQTT 5 will delay has, unless the client comes back first. Both
 * run on the session's owner loop, on the broker's {@link BrokerClock}.
 */
final class SessionExpiry {

	private final Session session;

	private final BrokerClock clock;

	private BrokerClock.Scheduled expiry;

	private BrokerClock.Scheduled willTimer;

	private Runnable will;

	SessionExpiry(Session session, BrokerClock clock) {
		this.session = session;
		this.clock = clock;
	}

	/**
	 * Ends an offline session after its expiry interval, unless a client connects first;
	 * none for {@link Session#NEVER_EXPIRES}.
	 */
	void expireAfterInterval(long expiryIntervalSeconds, Runnable expire) {
		if (expiryIntervalSeconds > 0) {
			expireAfter(TimeUnit.SECONDS.toMillis(expiryIntervalSeconds), expire);
		}
	}

	/** Ends the session after a delay unless a client connects first. */
	void expireAfter(long delayMillis, Runnable expire) {
		this.expiry = this.clock.schedule(this.session.owner(), () -> this.session.execute(expire),
				Duration.ofMillis(delayMillis));
	}

	/** Publishes a will after a delay unless the client reconnects first. */
	void scheduleWill(long delaySeconds, Runnable publish) {
		this.will = publish;
		this.willTimer = this.clock.schedule(this.session.owner(), () -> this.session.execute(() -> {
			if (this.will == publish) {
				this.will = null;
				publish.run();
			}
		}), Duration.ofSeconds(delaySeconds));
	}

	/** Publishes a delayed will now, as the end of the session does. */
	void publishWillNow() {
		Runnable publish = this.will;
		this.will = null;
		cancel(this.willTimer);
		if (publish != null) {
			publish.run();
		}
	}

	/** A client connected: neither the session ends nor its will goes out. */
	void cancelAll() {
		cancelExpiry();
		cancel(this.willTimer);
		this.willTimer = null;
		this.will = null;
	}

	void cancelExpiry() {
		cancel(this.expiry);
		this.expiry = null;
	}

	private static void cancel(BrokerClock.Scheduled task) {
		if (task != null) {
			task.cancel();
		}
	}

}
