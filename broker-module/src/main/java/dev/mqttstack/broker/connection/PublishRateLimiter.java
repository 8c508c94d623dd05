package dev.mqttstack.broker.connection;

import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoop;

/**
 * The publish rate limiter of one connection: a token bucket of {@code maxPublishRate}
 * PUBLISHes per second; past the rate, reading pauses until the bucket refills, then the
 * packets held meanwhile are handled in order. On the channel's event loop.
 */
public final class PublishRateLimiter {

	private final EventLoop eventLoop;

	private final ReadGate gate;

	private final Runnable endThrottle = this::endThrottle;

	private double tokens = -1;

	private long updatedAt;

	private boolean resumeScheduled;

	PublishRateLimiter(EventLoop eventLoop, ReadGate gate) {
		this.eventLoop = eventLoop;
		this.gate = gate;
	}

	/**
	 * Takes one PUBLISH from the client's token bucket; past the rate, pauses reading
	 * until the bucket refills.
	 * @param ratePerSecond the allowed rate, more than 0
	 */
	public void take(int ratePerSecond) {
		long now = System.nanoTime();
		if (this.tokens < 0 && this.updatedAt == 0) {
			this.tokens = ratePerSecond;
		}
		else {
			double refill = (now - this.updatedAt) / 1e9 * ratePerSecond;
			this.tokens = Math.min(ratePerSecond, this.tokens + refill);
		}
		this.updatedAt = now;
		this.tokens -= 1;
		if (this.tokens < 0 && !this.resumeScheduled) {
			long waitNanos = (long) (-this.tokens / ratePerSecond * 1e9);
			this.resumeScheduled = true;
			this.gate.pause(ReadPause.PUBLISH_RATE);
			this.eventLoop.schedule(this.endThrottle, waitNanos, TimeUnit.NANOSECONDS);
		}
	}

	private void endThrottle() {
		this.resumeScheduled = false;
		this.gate.resume(ReadPause.PUBLISH_RATE);
		this.gate.replayHeld();
	}

}
