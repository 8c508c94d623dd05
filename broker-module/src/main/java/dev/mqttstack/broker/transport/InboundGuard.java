package dev.mqttstack.broker.transport;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mqttstack.broker.BrokerConfig;
import dev.mqttstack.broker.event.BrokerEvents;
import dev.mqttstack.broker.event.DisconnectReason;
import dev.mqttstack.broker.event.Limit;
import dev.mqttstack.broker.sys.BrokerMetrics;
import dev.mqttstack.broker.time.BrokerClock;

/**
 * Guards the bytes a connection reads on their way to the decoder, one per connection and
 * the only per-connection handler of its own besides the decoder:
 * <ul>
 * <li>the keep-alive timer: fires {@link IdleStateEvent#READER_IDLE_STATE_EVENT} once
 * when nothing has been read for the timeout — the CONNECT timeout until the CONNECT is
 * handled, then one and a half times the negotiated keep-alive (MQTT §3.1.2.10);</li>
 * <li>partial packets: follows MQTT packet boundaries, closes a connection whose started
 * packet does not arrive whole within {@code partialPacketTimeout}, and one whose partial
 * bytes would pass the broker-wide {@code maxBufferedInboundBytes}.</li>
 * </ul>
 * Sits right before the decoder, after TLS and WebSocket. A read that ends on a packet
 * boundary costs a scan of the fixed headers and one clock read per read batch. Timed by
 * the broker's {@link BrokerClock}, so tests advance time instead of waiting; everything
 * on the channel's event loop. Being one handler instead of two keeps an idle connection
 * small (one handler context less); the guard itself is the keep-alive timer's task.
 */
final class InboundGuard extends ChannelInboundHandlerAdapter implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(InboundGuard.class);

	/** A remaining length has at most four bytes. */
	private static final int MAX_LENGTH_BYTES = 4;

	private final GuardSettings settings;

	private ChannelHandlerContext context;

	private long keepAliveNanos;

	private long lastReadNanos;

	private boolean reading;

	/** Keep-alive fired, or switched off (keep-alive 0): no more keep-alive timers. */
	private boolean keepAliveDone;

	private BrokerClock.Scheduled keepAliveTimer;

	/** Bytes of the fixed header read so far; 0 at a packet boundary. */
	private int headerBytes;

	private int remainingLength;

	private int multiplier = 1;

	/** Body bytes still to come once the fixed header is whole; -1 while it is not. */
	private int bodyLeft = -1;

	/**
	 * Bytes of the current, incomplete packet received so far: at most a fixed header and
	 * 256 MiB, so an int (the guard is one object per connection: kept small).
	 */
	private int partialBytes;

	/** Of those, the bytes counted in {@link InboundLimits}. */
	private int counted;

	/**
	 * When the current incomplete packet started, {@link BrokerClock#nanoTime()}; 0 none.
	 */
	private long partialSince;

	private BrokerClock.Scheduled partialDeadline;

	/**
	 * Set when the bytes stop looking like MQTT: the decoder then ends the connection.
	 */
	private boolean lost;

	InboundGuard(GuardSettings settings) {
		this.settings = settings;
		this.keepAliveNanos = settings.connectTimeoutNanos;
	}

	/**
	 * Starts counting a new keep-alive timeout from now, replacing the current one, or
	 * stops the keep-alive timer for good.
	 * @param timeout the time without reads after which the connection is idle;
	 * {@code null} for none
	 */
	void keepAlive(Duration timeout) {
		cancelKeepAlive();
		if (timeout == null) {
			this.keepAliveDone = true;
			return;
		}
		this.keepAliveNanos = timeout.toNanos();
		this.lastReadNanos = this.settings.clock.nanoTime();
		scheduleKeepAlive(this.keepAliveNanos);
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.context = ctx;
		if (ctx.channel().isActive() && ctx.channel().isRegistered()) {
			startKeepAlive();
		}
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) throws Exception {
		startKeepAlive();
		super.channelActive(ctx);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		this.reading = true;
		if (this.lost || !(msg instanceof ByteBuf bytes)) {
			ctx.fireChannelRead(msg);
			return;
		}
		boolean completed = scan(bytes);
		if (this.partialBytes != this.counted) {
			int delta = this.partialBytes - this.counted;
			if (!this.settings.limits.buffer(delta)) {
				ReferenceCountUtil.release(msg);
				close(ctx, Limit.MAX_BUFFERED_INBOUND_BYTES, DisconnectReason.INBOUND_BUFFER_FULL,
						"its incomplete packet would pass the " + this.settings.maxBufferedBytes
								+ " bytes the broker buffers for all connections");
				return;
			}
			this.counted = this.partialBytes;
		}
		if (this.partialBytes == 0) {
			this.partialSince = 0;
		}
		else if (this.partialSince == 0 || completed) {
			this.partialSince = this.settings.clock.nanoTime();
			armPartialDeadline(ctx, this.settings.partialTimeoutNanos);
		}
		ctx.fireChannelRead(msg);
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
		this.reading = false;
		this.lastReadNanos = this.settings.clock.nanoTime();
		ctx.fireChannelReadComplete();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		release();
		super.channelInactive(ctx);
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		release();
		this.settings.listenerConnections.decrementAndGet();
	}

	/**
	 * Follows packet boundaries through the readable bytes without consuming them.
	 * @return whether a packet was completed
	 */
	private boolean scan(ByteBuf bytes) {
		boolean completed = false;
		int index = bytes.readerIndex();
		int end = bytes.writerIndex();
		while (index < end) {
			if (this.bodyLeft >= 0) {
				int take = Math.min(this.bodyLeft, end - index);
				index += take;
				this.bodyLeft -= take;
				this.partialBytes += take;
				if (this.bodyLeft == 0) {
					packetCompleted();
					completed = true;
				}
				continue;
			}
			byte next = bytes.getByte(index++);
			this.partialBytes++;
			if (this.headerBytes++ == 0) {
				continue;
			}
			this.remainingLength += (next & 0x7F) * this.multiplier;
			this.multiplier *= 128;
			if ((next & 0x80) == 0) {
				this.bodyLeft = this.remainingLength;
				if (this.bodyLeft == 0) {
					packetCompleted();
					completed = true;
				}
			}
			else if (this.headerBytes > MAX_LENGTH_BYTES) {
				// malformed: the decoder closes the connection; stop following it
				this.lost = true;
				this.partialBytes = 0;
				return completed;
			}
		}
		return completed;
	}

	private void packetCompleted() {
		this.headerBytes = 0;
		this.remainingLength = 0;
		this.multiplier = 1;
		this.bodyLeft = -1;
		this.partialBytes = 0;
	}

	private void armPartialDeadline(ChannelHandlerContext ctx, long delayNanos) {
		if (this.settings.partialTimeoutNanos == 0 || this.partialDeadline != null) {
			return;
		}
		this.partialDeadline = this.settings.clock.schedule(ctx.executor(), () -> checkPartialDeadline(ctx),
				Duration.ofNanos(delayNanos));
	}

	private void checkPartialDeadline(ChannelHandlerContext ctx) {
		this.partialDeadline = null;
		if (this.partialSince == 0 || !ctx.channel().isActive()) {
			return;
		}
		long left = this.partialSince + this.settings.partialTimeoutNanos - this.settings.clock.nanoTime();
		if (left > 0) {
			armPartialDeadline(ctx, left);
			return;
		}
		close(ctx, Limit.PARTIAL_PACKET_TIMEOUT, DisconnectReason.PARTIAL_PACKET_TIMEOUT,
				"a packet did not arrive whole within " + (this.settings.partialTimeoutNanos / 1_000_000) + " ms ("
						+ this.partialBytes + " bytes of it so far)");
	}

	private void close(ChannelHandlerContext ctx, Limit limit, DisconnectReason reason, String why) {
		ProtocolLayer protocol = this.settings.protocol;
		String clientId = protocol.clientId(ctx.channel());
		logger.info("Closing connection from {}{}: {}.", ctx.channel().remoteAddress(),
				(clientId != null) ? " of " + clientId : "", why);
		this.settings.metrics.limitReached();
		this.settings.events.limitReached(limit, clientId, ctx.channel().remoteAddress());
		this.lost = true;
		releasePartial();
		protocol.close(ctx.channel(), reason);
	}

	private void release() {
		releasePartial();
		cancelKeepAlive();
	}

	private void releasePartial() {
		if (this.counted != 0) {
			this.settings.limits.buffer(-this.counted);
			this.counted = 0;
		}
		this.partialSince = 0;
		if (this.partialDeadline != null) {
			this.partialDeadline.cancel();
			this.partialDeadline = null;
		}
	}

	private void startKeepAlive() {
		if (this.keepAliveTimer == null && !this.keepAliveDone) {
			this.lastReadNanos = this.settings.clock.nanoTime();
			scheduleKeepAlive(this.keepAliveNanos);
		}
	}

	private void scheduleKeepAlive(long delayNanos) {
		this.keepAliveTimer = this.settings.clock.schedule(this.context.executor(), this, Duration.ofNanos(delayNanos));
	}

	private void cancelKeepAlive() {
		if (this.keepAliveTimer != null) {
			this.keepAliveTimer.cancel();
			this.keepAliveTimer = null;
		}
	}

	/** The keep-alive check, run by the keep-alive timer. */
	@Override
	public void run() {
		this.keepAliveTimer = null;
		if (this.keepAliveDone || !this.context.channel().isActive() || this.context.isRemoved()) {
			return;
		}
		if (this.reading) {
			scheduleKeepAlive(this.keepAliveNanos);
			return;
		}
		long idle = this.settings.clock.nanoTime() - this.lastReadNanos;
		if (idle >= this.keepAliveNanos) {
			this.keepAliveDone = true;
			this.context.fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
		}
		else {
			scheduleKeepAlive(this.keepAliveNanos - idle);
		}
	}

	/**
	 * What every guard of one listener shares: settings, counters and collaborators, held
	 * once per listener instead of once per connection.
	 */
	static final class GuardSettings {

		final BrokerClock clock;

		final long connectTimeoutNanos;

		final long partialTimeoutNanos;

		final long maxBufferedBytes;

		final InboundLimits limits;

		final ProtocolLayer protocol;

		final BrokerMetrics metrics;

		final BrokerEvents events;

		/** Open connections of the listener, uncounted when a guard is removed. */
		final AtomicInteger listenerConnections = new AtomicInteger();

		GuardSettings(BrokerConfig config, BrokerMetrics metrics, BrokerEvents events, ProtocolLayer protocol,
				InboundLimits limits, BrokerClock clock) {
			this.clock = clock;
			this.connectTimeoutNanos = config.connectTimeout().toNanos();
			this.partialTimeoutNanos = config.partialPacketTimeout().toNanos();
			this.maxBufferedBytes = config.maxBufferedInboundBytes();
			this.limits = limits;
			this.protocol = protocol;
			this.metrics = metrics;
			this.events = events;
		}

	}

}
