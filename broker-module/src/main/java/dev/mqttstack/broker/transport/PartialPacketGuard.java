package dev.mqttstack.broker.transport;

import java.time.Duration;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
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
 * Bounds the memory incomplete packets hold: follows MQTT packet boundaries in the bytes
 * on their way to the decoder, closes a connection whose started packet does not arrive
 * whole within {@code partialPacketTimeout}, and one whose partial bytes would pass the
 * broker-wide {@code maxBufferedInboundBytes}. Sits right before the decoder, after TLS
 * and WebSocket, one per connection; a read that ends on a packet boundary costs a scan
 * of the fixed headers and nothing else.
 */
final class PartialPacketGuard extends ChannelInboundHandlerAdapter {

	private static final Logger logger = LoggerFactory.getLogger(PartialPacketGuard.class);

	/** A remaining length has at most four bytes. */
	private static final int MAX_LENGTH_BYTES = 4;

	private final BrokerConfig config;

	private final BrokerMetrics metrics;

	private final BrokerEvents events;

	private final ProtocolLayer protocol;

	private final InboundLimits limits;

	private final long timeoutNanos;

	private final BrokerClock clock;

	/** Bytes of the fixed header read so far; 0 at a packet boundary. */
	private int headerBytes;

	private int remainingLength;

	private int multiplier = 1;

	/** Body bytes still to come once the fixed header is whole; -1 while it is not. */
	private long bodyLeft = -1;

	/** Bytes of the current, incomplete packet received so far. */
	private long partialBytes;

	/** Of those, the bytes counted in {@link InboundLimits}. */
	private long counted;

	/**
	 * When the current incomplete packet started, {@link BrokerClock#nanoTime()}; 0 none.
	 */
	private long partialSince;

	private BrokerClock.Scheduled deadline;

	/**
	 * Set when the bytes stop looking like MQTT: the decoder then ends the connection.
	 */
	private boolean lost;

	PartialPacketGuard(BrokerConfig config, BrokerMetrics metrics, BrokerEvents events, ProtocolLayer protocol,
			InboundLimits limits, BrokerClock clock) {
		this.config = config;
		this.clock = clock;
		this.metrics = metrics;
		this.events = events;
		this.protocol = protocol;
		this.limits = limits;
		Duration timeout = config.partialPacketTimeout();
		this.timeoutNanos = timeout.toNanos();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (this.lost || !(msg instanceof ByteBuf bytes)) {
			ctx.fireChannelRead(msg);
			return;
		}
		boolean completed = scan(bytes);
		if (this.partialBytes != this.counted) {
			long delta = this.partialBytes - this.counted;
			if (!this.limits.buffer(delta)) {
				ReferenceCountUtil.release(msg);
				close(ctx, Limit.MAX_BUFFERED_INBOUND_BYTES, DisconnectReason.INBOUND_BUFFER_FULL,
						"its incomplete packet would pass the " + this.config.maxBufferedInboundBytes()
								+ " bytes the broker buffers for all connections");
				return;
			}
			this.counted = this.partialBytes;
		}
		if (this.partialBytes == 0) {
			this.partialSince = 0;
		}
		else if (this.partialSince == 0 || completed) {
			this.partialSince = this.clock.nanoTime();
			armDeadline(ctx, this.timeoutNanos);
		}
		ctx.fireChannelRead(msg);
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
				int take = (int) Math.min(this.bodyLeft, end - index);
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

	private void armDeadline(ChannelHandlerContext ctx, long delayNanos) {
		if (this.timeoutNanos == 0 || this.deadline != null) {
			return;
		}
		this.deadline = this.clock.schedule(ctx.executor(), () -> checkDeadline(ctx), Duration.ofNanos(delayNanos));
	}

	private void checkDeadline(ChannelHandlerContext ctx) {
		this.deadline = null;
		if (this.partialSince == 0 || !ctx.channel().isActive()) {
			return;
		}
		long left = this.partialSince + this.timeoutNanos - this.clock.nanoTime();
		if (left > 0) {
			armDeadline(ctx, left);
			return;
		}
		close(ctx, Limit.PARTIAL_PACKET_TIMEOUT, DisconnectReason.PARTIAL_PACKET_TIMEOUT,
				"a packet did not arrive whole within " + this.config.partialPacketTimeout().toMillis() + " ms ("
						+ this.partialBytes + " bytes of it so far)");
	}

	private void close(ChannelHandlerContext ctx, Limit limit, DisconnectReason reason, String why) {
		String clientId = this.protocol.clientId(ctx.channel());
		logger.info("Closing connection from {}{}: {}.", ctx.channel().remoteAddress(),
				(clientId != null) ? " of " + clientId : "", why);
		this.metrics.limitReached();
		this.events.limitReached(limit, clientId, ctx.channel().remoteAddress());
		this.lost = true;
		release();
		this.protocol.close(ctx.channel(), reason);
	}

	private void release() {
		if (this.counted != 0) {
			this.limits.buffer(-this.counted);
			this.counted = 0;
		}
		this.partialSince = 0;
		if (this.deadline != null) {
			this.deadline.cancel();
			this.deadline = null;
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		release();
		ctx.fireChannelInactive();
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		release();
	}

}
