package dev.mqttstack.broker.transport;

import java.time.Duration;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;

import dev.mqttstack.broker.time.BrokerClock;

/**
 * Keep-alive timer of one connection: fires
 * {@link IdleStateEvent#READER_IDLE_STATE_EVENT} once when nothing has been read for the
 * timeout — the CONNECT timeout until the CONNECT is handled, then one and a half times
 * the negotiated keep-alive (MQTT §3.1.2.10).
 * <p>
 * Timed by the broker's {@link BrokerClock}, so tests advance time instead of waiting.
 * One clock read per read batch, one timer per connection; everything on the channel's
 * event loop.
 */
final class KeepAliveHandler extends ChannelInboundHandlerAdapter {

	private final BrokerClock clock;

	private long timeoutNanos;

	private long lastReadNanos;

	private boolean reading;

	private boolean fired;

	private ChannelHandlerContext context;

	private BrokerClock.Scheduled timer;

	KeepAliveHandler(BrokerClock clock, Duration timeout) {
		this.clock = clock;
		this.timeoutNanos = timeout.toNanos();
	}

	/**
	 * Starts counting a new timeout from now, replacing the current one.
	 * @param timeout the time without reads after which the connection is idle
	 */
	void restart(Duration timeout) {
		this.timeoutNanos = timeout.toNanos();
		this.lastReadNanos = this.clock.nanoTime();
		cancel();
		schedule(this.timeoutNanos);
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.context = ctx;
		if (ctx.channel().isActive() && ctx.channel().isRegistered()) {
			start();
		}
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) throws Exception {
		start();
		super.channelActive(ctx);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
		this.reading = true;
		ctx.fireChannelRead(msg);
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
		this.reading = false;
		this.lastReadNanos = this.clock.nanoTime();
		ctx.fireChannelReadComplete();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		cancel();
		super.channelInactive(ctx);
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		cancel();
	}

	private void start() {
		if (this.timer == null && !this.fired) {
			this.lastReadNanos = this.clock.nanoTime();
			schedule(this.timeoutNanos);
		}
	}

	private void schedule(long delayNanos) {
		this.timer = this.clock.schedule(this.context.executor(), this::check, Duration.ofNanos(delayNanos));
	}

	private void cancel() {
		if (this.timer != null) {
			this.timer.cancel();
			this.timer = null;
		}
	}

	private void check() {
		this.timer = null;
		if (this.fired || !this.context.channel().isActive() || this.context.isRemoved()) {
			return;
		}
		if (this.reading) {
			schedule(this.timeoutNanos);
			return;
		}
		long idle = this.clock.nanoTime() - this.lastReadNanos;
		if (idle >= this.timeoutNanos) {
			this.fired = true;
			this.context.fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
		}
		else {
			schedule(this.timeoutNanos - idle);
		}
	}

}
