package dev.mqttstack.broker.connection;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;

import dev.mqttstack.broker.transport.ChannelPipelines;

/**
 * The read gate of one connection: the reasons reading is paused for, the packets held
 * while the client is slowed (or not yet accepted) and, for publisher backpressure, the
 * backed-up subscribers this client waits for. Reading resumes when every reason is
 * lifted; held packets are then handled in arrival order. On the channel's event loop.
 */
public final class ReadGate {

	private final Channel channel;

	private int readPauses;

	private ArrayDeque<Object> held;

	private Set<Object> awaitedSubscribers;

	ReadGate(Channel channel) {
		this.channel = channel;
	}

	/**
	 * Stops reading from the socket for a reason.
	 * @param reason the reason
	 */
	public void pause(ReadPause reason) {
		int before = this.readPauses;
		this.readPauses |= reason.bit;
		if (before == 0) {
			this.channel.config().setAutoRead(false);
		}
	}

	/**
	 * Lifts a reason to stop reading.
	 * @param reason the reason
	 */
	public void resume(ReadPause reason) {
		int before = this.readPauses;
		this.readPauses &= ~reason.bit;
		if (before != 0 && this.readPauses == 0) {
			this.channel.config().setAutoRead(true);
		}
	}

	/**
	 * Whether reading is paused for a reason.
	 * @param reason the reason
	 * @return {@code true} while paused for it
	 */
	public boolean isPaused(ReadPause reason) {
		return (this.readPauses & reason.bit) != 0;
	}

	/**
	 * Whether packets that arrive now are held rather than handled: while the client is
	 * slowed by the publish rate or by backpressure, the rest of a read that was already
	 * decoded waits too.
	 * @return {@code true} while holding
	 */
	public boolean isHolding() {
		return (this.readPauses & (ReadPause.PUBLISH_RATE.bit | ReadPause.BACKPRESSURE.bit)) != 0;
	}

	/**
	 * Holds a packet to be handled later: one that arrived before CONNACK or while the
	 * client is slowed.
	 * @param packet the packet; this gate owns it from now on
	 */
	public void hold(Object packet) {
		if (this.held == null) {
			this.held = new ArrayDeque<>(2);
		}
		this.held.add(packet);
	}

	/**
	 * Takes the held packets.
	 * @return the held packets, in arrival order; the caller owns them
	 */
	public ArrayDeque<Object> takeHeld() {
		ArrayDeque<Object> packets = (this.held != null) ? this.held : new ArrayDeque<>(0);
		this.held = null;
		return packets;
	}

	/**
	 * Publisher backpressure: stops reading this client's publications until a backed-up
	 * subscriber it feeds has drained.
	 * @param subscriber the backed-up subscriber (its session)
	 * @return {@code true} when the subscriber was not awaited yet
	 */
	boolean awaitSubscriber(Object subscriber) {
		if (this.awaitedSubscribers == null) {
			this.awaitedSubscribers = new HashSet<>(4);
		}
		if (!this.awaitedSubscribers.add(subscriber)) {
			return false;
		}
		pause(ReadPause.BACKPRESSURE);
		return true;
	}

	/**
	 * A subscriber this client waited for has drained (or gone); reading resumes when it
	 * was the last one.
	 * @param subscriber the subscriber (its session)
	 */
	void subscriberDrained(Object subscriber) {
		if (this.awaitedSubscribers != null && this.awaitedSubscribers.remove(subscriber)
				&& this.awaitedSubscribers.isEmpty()) {
			resume(ReadPause.BACKPRESSURE);
			replayHeld();
		}
	}

	/**
	 * Handles the packets held while slowed, in order, until the client is slowed again.
	 */
	void replayHeld() {
		ChannelHandlerContext next = ChannelPipelines.afterGuard(this.channel);
		while (this.held != null && !this.held.isEmpty() && !isHolding() && next != null && this.channel.isActive()) {
			next.fireChannelRead(this.held.poll());
		}
	}

	/**
	 * The connection closed while the client was slowed: what it sent before closing is
	 * still handled, in order (a client may publish and close at once). Only for an
	 * accepted client, when the channel goes inactive.
	 */
	public void handleHeldAfterClose() {
		ChannelHandlerContext next = ChannelPipelines.afterGuard(this.channel);
		while (this.held != null && !this.held.isEmpty() && next != null) {
			next.fireChannelRead(this.held.poll());
		}
	}

}
