package dev.mqttstack.broker.session;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;

import dev.mqttstack.broker.connection.MqttConnection;
import dev.mqttstack.broker.event.DisconnectReason;
import dev.mqttstack.broker.event.DropReason;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.protocol.Packets;
import dev.mqttstack.broker.sys.BrokerMetrics;
import dev.mqttstack.broker.time.BrokerClock;

/**
 * The outbound data path of one session: a delivery is written at once when the client is
 * attached, its socket writable and the in-flight window has room, and is queued
 * otherwise; acknowledgements free the window, which drains the queue; a connection that
 * attaches gets the unacknowledged messages again with DUP. Every PUBLISH goes through
 * {@link PublishWriter}. On the session's owner loop.
 */
final class OutboundDelivery {

	private static final AtomicReferenceFieldUpdater<OutboundDelivery, PublisherBackpressure> BACKPRESSURE = AtomicReferenceFieldUpdater
		.newUpdater(OutboundDelivery.class, PublisherBackpressure.class, "backpressure");

	private final Session session;

	private final OutboundQueue queue;

	private final InflightWindow window;

	private final SessionJournal journal;

	private final SessionDrops drops;

	private final SessionContext context;

	private final BrokerMetrics metrics;

	private final BrokerClock clock;

	/**
	 * Created by the first delivery that needs it (see {@link #backpressure()}): an idle
	 * subscriber never does. Unlike the rest, read and created from any thread.
	 */
	private volatile PublisherBackpressure backpressure;

	private MqttConnection connection;

	private boolean attached;

	OutboundDelivery(Session session, OutboundQueue queue, InflightWindow window, SessionJournal journal,
			SessionDrops drops, SessionContext context) {
		this.session = session;
		this.queue = queue;
		this.window = window;
		this.journal = journal;
		this.drops = drops;
		this.context = context;
		this.metrics = context.metrics();
		this.clock = context.clock();
	}

	/**
	 * Publisher backpressure, created by the first delivery from another event loop, the
	 * first held-back publisher or the first queued message. From any thread: the first
	 * one created wins.
	 * @return the backpressure
	 */
	PublisherBackpressure backpressure() {
		PublisherBackpressure current = this.backpressure;
		if (current == null) {
			current = new PublisherBackpressure(this.session, this.context);
			if (!BACKPRESSURE.compareAndSet(this, null, current)) {
				current = this.backpressure;
			}
		}
		return current;
	}

	/**
	 * Publisher backpressure if a delivery has needed it yet; from any thread.
	 * @return the backpressure, or {@code null}
	 */
	PublisherBackpressure backpressureIfCreated() {
		return this.backpressure;
	}

	MqttConnection connection() {
		return this.connection;
	}

	/** A connection was bound; it receives once attached. */
	void bind(MqttConnection newConnection) {
		this.connection = newConnection;
		this.attached = false;
	}

	/** The connection ended. */
	void unbind() {
		this.connection = null;
		this.attached = false;
	}

	/** Delivers a message now or queues it; releases {@code encoded}. */
	void deliver(Message message, int qos, boolean retain, ByteBuf encoded, boolean encodedMqtt5, List<Integer> ids,
			String shareKey, long storeId) {
		try {
			if (message.isExpired(this.clock.millis())) {
				this.journal.removed(storeId);
				this.drops.drop(message, DropReason.EXPIRED);
				return;
			}
			boolean ready = this.attached && this.queue.isEmpty() && this.connection.channel().isWritable();
			if (qos == 0) {
				if (ready) {
					send(message, 0, retain, 0, false, encoded, encodedMqtt5, ids);
				}
				else if (this.connection != null) {
					enqueue(new Pending(message, 0, retain, ids, shareKey, 0));
				}
				return;
			}
			if (ready && this.window.hasRoom(this.connection.receiveMaximum())) {
				sendNew(new Pending(message, qos, retain, ids, shareKey, storeId), encoded, encodedMqtt5);
			}
			else {
				enqueue(new Pending(message, qos, retain, ids, shareKey, storeId));
			}
		}
		finally {
			ReferenceCountUtil.release(encoded);
		}
	}

	private void enqueue(Pending pending) {
		OutboundQueue.Offer offer = this.queue.offer(pending);
		if (offer == OutboundQueue.Offer.QUEUED) {
			updatePressure();
		}
		else if (offer == OutboundQueue.Offer.DISCONNECT && this.connection != null) {
			this.connection.close(DisconnectReason.QUEUE_FULL);
		}
	}

	private void sendNew(Pending pending, ByteBuf encoded, boolean encodedMqtt5) {
		InflightWindow.Entry entry = new InflightWindow.Entry(pending);
		int packetId = this.window.open(entry);
		if (pending.storeId() != 0 && pending.qos() == 2) {
			sendOnceDurable(entry, packetId);
			return;
		}
		if (send(pending.message(), pending.qos(), pending.retain(), packetId, false, encoded, encodedMqtt5,
				pending.ids())) {
			this.journal.sent(pending.storeId(), packetId);
		}
		else {
			this.window.remove(packetId);
			this.journal.removed(pending.storeId());
		}
	}

	/**
	 * Sends a journaled QoS 2 message once its packet identifier is durable: a client
	 * that saw the PUBLISH must get it again with the same packet identifier after a
	 * restart, or it would take it for a new message.
	 */
	private void sendOnceDurable(InflightWindow.Entry entry, int packetId) {
		Pending pending = entry.pending;
		MqttConnection target = this.connection;
		this.journal.sent(pending.storeId(), packetId);
		target.durableAcks().reply(this.journal.store(), () -> this.session.execute(() -> {
			if (this.connection != target || !this.attached || this.window.get(packetId) != entry) {
				return; // re-sent with DUP when a connection attaches
			}
			if (!send(pending.message(), pending.qos(), pending.retain(), packetId, false, null, false,
					pending.ids())) {
				this.window.remove(packetId);
				this.journal.removed(pending.storeId());
				drain();
			}
		}));
	}

	/** Writes a PUBLISH; {@code false} when dropped as larger than the client accepts. */
	private boolean send(Message message, int qos, boolean retain, int packetId, boolean dup, ByteBuf encoded,
			boolean encodedMqtt5, List<Integer> ids) {
		if (!PublishWriter.write(this.connection, message, qos, retain, packetId, dup, ids, encoded, encodedMqtt5,
				this.clock)) {
			this.drops.drop(message, DropReason.PACKET_TOO_LARGE);
			return false;
		}
		this.metrics.messageSent();
		return true;
	}

	/** Sends queued messages while the in-flight window has room. */
	void drain() {
		long now = this.clock.millis();
		while (this.attached && !this.queue.isEmpty() && this.connection.channel().isWritable()) {
			Pending next = this.queue.peek();
			if (next.qos() > 0 && !this.window.hasRoom(this.connection.receiveMaximum())) {
				break;
			}
			this.queue.poll();
			if (next.message().isExpired(now)) {
				this.queue.discard(next, DropReason.EXPIRED);
			}
			else if (next.qos() == 0) {
				send(next.message(), 0, next.retain(), 0, false, null, false, next.ids());
			}
			else {
				sendNew(next, null, false);
			}
		}
		updatePressure();
	}

	void updatePressure() {
		PublisherBackpressure current = this.backpressure;
		if (current == null) {
			if (this.queue.size() == 0) {
				// nothing queued: a new one would stay as it is
				return;
			}
			current = backpressure();
		}
		current.update(this.queue.size(), this.queue.bytes(), this.attached);
	}

	/** Completes a QoS 1 (PUBACK) or QoS 2 (PUBCOMP) delivery. */
	void complete(int packetId, int qos) {
		InflightWindow.Entry entry = this.window.complete(packetId, qos);
		if (entry != null) {
			this.journal.removed(entry.pending.storeId());
			drain();
		}
	}

	/** PUBREC: answers PUBREL, once the store knows for a journaled message. */
	void onPubRec(int packetId, boolean failed) {
		if (failed) {
			complete(packetId, 2);
			return;
		}
		InflightWindow.Entry entry = this.window.get(packetId);
		if (entry != null && entry.qos() == 2 && !entry.released) {
			entry.released = true;
			if (entry.pending.storeId() != 0) {
				// PUBREL once the store knows, or a restart would send the PUBLISH again
				this.journal.released(entry.pending.storeId());
				MqttConnection target = this.connection;
				target.durableAcks().reply(this.journal.store(), () -> target.write(Packets.pubRel(packetId)));
				return;
			}
		}
		this.connection.write(Packets.pubRel(packetId));
	}

	/**
	 * Starts sending after CONNACK: re-sends unacknowledged messages with DUP, then
	 * drains.
	 */
	void attach() {
		this.attached = true;
		for (Map.Entry<Integer, InflightWindow.Entry> inflight : this.window.entries()) {
			Pending message = inflight.getValue().pending;
			if (inflight.getValue().released) {
				this.connection.write(Packets.pubRel(inflight.getKey()));
			}
			else if (!send(message.message(), message.qos(), message.retain(), inflight.getKey(), true, null, false,
					message.ids())) {
				this.window.remove(inflight.getKey());
				this.journal.removed(message.storeId());
			}
		}
		drain();
	}

}
