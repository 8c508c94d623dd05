package dev.mqttstack.broker.session;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mqttstack.broker.connection.MqttConnection;
import dev.mqttstack.broker.QueueOverflowPolicy;
import dev.mqttstack.broker.event.BrokerEvents;
import dev.mqttstack.broker.event.Limit;
import dev.mqttstack.broker.sys.BrokerMetrics;
import dev.mqttstack.broker.time.BrokerClock;

/**
 * Publisher backpressure for one session: while its client is connected and its queue is
 * more than half full, or too many deliveries from other event loops are on their way,
 * the clients publishing to it are held back (not read) until the queue is down to a
 * quarter, the client goes, or {@code maxPublisherPause} has passed; then they resume and
 * the queue sheds per its overflow policy until it has drained.
 * <p>
 * Whether it is backed up, the held publishers and the in-transit count are read and
 * written from any thread; the rest on the session's owner loop.
 */
final class PublisherBackpressure {

	/**
	 * Most deliveries on their way from other event loops before publishers to this
	 * session are held back (a quarter of {@code maxQueuedMessages} when that is smaller,
	 * but at least 16): the owner loop has fallen behind, and neither the hand-off queue
	 * nor, once they arrive, the session queue may overflow for it. They resume at a
	 * quarter of it.
	 */
	static final int IN_TRANSIT_HIGH = 1024;

	private static final Logger logger = LoggerFactory.getLogger(Session.class);

	private final Session session;

	private final BrokerClock clock;

	private final BrokerMetrics metrics;

	private final BrokerEvents events;

	private final Duration maxPause;

	private final QueueOverflowPolicy policy;

	private final ConcurrentLinkedQueue<MqttConnection> held = new ConcurrentLinkedQueue<>();

	private static final AtomicIntegerFieldUpdater<PublisherBackpressure> IN_TRANSIT = AtomicIntegerFieldUpdater
		.newUpdater(PublisherBackpressure.class, "inTransit");

	/** Deliveries on their way from other event loops: a field, not an AtomicInteger. */
	private volatile int inTransit;

	/** In-transit deliveries past which publishers are held back. */
	private final int inTransitHigh;

	/** Whether publisher backpressure is on ({@code maxPublisherPause} and a queue). */
	private final boolean enabled;

	/** Queued messages and bytes from which the session is backed up: half the limits. */
	private final int queueHigh;

	private final long bytesHigh;

	/** Queued messages and bytes at or below which it has drained: a quarter. */
	private final int queueLow;

	private final long bytesLow;

	private volatile boolean backedUp;

	private boolean shedding;

	private BrokerClock.Scheduled pauseLimit;

	PublisherBackpressure(Session session, SessionContext context) {
		this.session = session;
		this.clock = context.clock();
		this.metrics = context.metrics();
		this.events = context.events();
		this.maxPause = context.config().maxPublisherPause();
		this.policy = context.config().queueOverflowPolicy();
		int maxMessages = context.config().maxQueuedMessages();
		long maxBytes = context.config().maxQueuedBytes();
		boolean pause = !this.maxPause.isZero();
		this.inTransitHigh = pause ? Math.max(16, Math.min(IN_TRANSIT_HIGH, maxMessages / 4)) : Integer.MAX_VALUE;
		this.enabled = pause && maxMessages > 0;
		this.queueHigh = (maxMessages + 1) / 2;
		this.queueLow = maxMessages / 4;
		this.bytesHigh = (maxBytes > 0) ? maxBytes / 2 : Long.MAX_VALUE;
		this.bytesLow = (maxBytes > 0) ? maxBytes / 4 : Long.MAX_VALUE;
	}

	/** Readable from any thread. */
	boolean isBackedUp() {
		return this.backedUp || this.inTransit > this.inTransitHigh;
	}

	/** Holds a publisher back until the session drains. On the publisher's loop. */
	void holdBack(MqttConnection publisher) {
		if (publisher.awaitSubscriber(this.session)) {
			this.metrics.publisherHeldBack();
			this.held.add(publisher);
			// the session may have drained meanwhile, before it could see this publisher
			if (!isBackedUp() && this.held.remove(publisher)) {
				publisher.subscriberDrained(this.session);
			}
		}
	}

	/** Deliveries handed to the owner loop from another one that have not run yet. */
	int inTransit() {
		return this.inTransit;
	}

	/** A delivery is handed to the owner loop from another one. */
	void departed() {
		IN_TRANSIT.incrementAndGet(this);
	}

	/**
	 * A delivery handed over from another event loop has run; publishers held back while
	 * too many were on their way resume once few are. On the owner loop.
	 */
	void arrived() {
		if (IN_TRANSIT.decrementAndGet(this) <= this.inTransitHigh / 4 && !this.backedUp && !this.held.isEmpty()) {
			release(false);
		}
	}

	/**
	 * Starts or ends a backed-up period as the queue fills and drains. On the owner loop.
	 */
	void update(int queued, long queuedBytes, boolean attached) {
		if (!this.enabled) {
			return;
		}
		boolean drained = queued <= this.queueLow && queuedBytes <= this.bytesLow;
		if (this.backedUp) {
			if (drained || !attached) {
				release(false);
			}
		}
		else if (this.shedding) {
			this.shedding = !drained && attached;
		}
		else if (attached && (queued >= this.queueHigh || queuedBytes >= this.bytesHigh)) {
			this.backedUp = true;
			this.pauseLimit = this.clock.schedule(this.session.owner(),
					() -> this.session.execute(this::pauseLimitReached), this.maxPause);
		}
	}

	/** The session ended: its held publishers resume. On the owner loop. */
	void stop() {
		if (this.backedUp) {
			release(false);
		}
	}

	private void pauseLimitReached() {
		if (!this.backedUp) {
			return;
		}
		logger.warn("Client {} has been backed up for {}: its publishers resume and its queue drops per {}",
				this.session.clientId(), this.maxPause, this.policy);
		this.metrics.limitReached();
		SocketAddress address = this.session.remoteAddress();
		this.events.limitReached(Limit.MAX_PUBLISHER_PAUSE, this.session.clientId(), address);
		release(true);
	}

	/**
	 * Ends a backed-up period: every publisher held back resumes on its own loop.
	 * @param shed whether the period timed out, so that the queue drops per the overflow
	 * policy until it has drained
	 */
	private void release(boolean shed) {
		this.backedUp = false;
		this.shedding = shed;
		if (this.pauseLimit != null) {
			this.pauseLimit.cancel();
			this.pauseLimit = null;
		}
		MqttConnection publisher;
		while ((publisher = this.held.poll()) != null) {
			MqttConnection next = publisher;
			try {
				next.eventLoop().execute(() -> next.subscriberDrained(this.session));
			}
			catch (RejectedExecutionException ex) {
				// the broker is stopping
			}
		}
	}

}
