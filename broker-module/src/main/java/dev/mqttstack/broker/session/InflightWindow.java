package dev.mqttstack.broker.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outbound QoS 1/2 messages of one session sent and not yet acknowledged, by packet
 * identifier, in the order they were sent: it allocates packet identifiers no message in
 * flight holds, and completes an entry only on the acknowledgement its QoS expects. On
 * the session's owner loop.
 */
final class InflightWindow {

	/** Created by the first message in flight: an idle subscriber never has one. */
	private LinkedHashMap<Integer, Entry> entries;

	private final int maxInflight;

	private int nextPacketId = 1;

	InflightWindow(int maxInflight) {
		this.maxInflight = maxInflight;
	}

	/**
	 * Whether another message may be sent to a client that accepts a receive maximum.
	 */
	boolean hasRoom(int receiveMaximum) {
		return size() < Math.min(this.maxInflight, receiveMaximum);
	}

	/** Puts a message in flight. @return its new packet identifier */
	int open(Entry entry) {
		int packetId = allocatePacketId();
		map().put(packetId, entry);
		return packetId;
	}

	Entry get(int packetId) {
		return (this.entries != null) ? this.entries.get(packetId) : null;
	}

	void remove(int packetId) {
		if (this.entries != null) {
			this.entries.remove(packetId);
		}
	}

	/**
	 * Completes the entry a PUBACK (QoS 1) or PUBCOMP (QoS 2) acknowledges.
	 * @return the completed entry, or {@code null} when none of that QoS was in flight
	 */
	Entry complete(int packetId, int qos) {
		Entry entry = get(packetId);
		if (entry == null || entry.qos() != qos) {
			return null;
		}
		this.entries.remove(packetId);
		return entry;
	}

	int size() {
		return (this.entries != null) ? this.entries.size() : 0;
	}

	/** A copy of the entries, in the order they were sent, to resend or snapshot. */
	List<Map.Entry<Integer, Entry>> entries() {
		return (this.entries != null) ? new ArrayList<>(this.entries.entrySet()) : new ArrayList<>(0);
	}

	/** Puts back a message in flight when restored from a store. */
	void restore(int packetId, Entry entry) {
		map().put(packetId, entry);
		this.nextPacketId = Math.max(this.nextPacketId, packetId % 65535 + 1);
	}

	/** Takes out the unreleased messages shared subscriptions chose this session for. */
	void takeShared(List<Pending> taken, SessionJournal journal) {
		if (this.entries == null) {
			return;
		}
		this.entries.values().removeIf((entry) -> {
			boolean take = entry.pending.shareKey() != null && !entry.released;
			if (take) {
				taken.add(entry.pending);
				journal.removed(entry.pending.storeId());
			}
			return take;
		});
	}

	void clear() {
		if (this.entries != null) {
			this.entries.clear();
		}
	}

	private LinkedHashMap<Integer, Entry> map() {
		if (this.entries == null) {
			this.entries = new LinkedHashMap<>();
		}
		return this.entries;
	}

	private int allocatePacketId() {
		while (true) {
			int candidate = this.nextPacketId;
			this.nextPacketId = (candidate == 65535) ? 1 : candidate + 1;
			if (this.entries == null || !this.entries.containsKey(candidate)) {
				return candidate;
			}
		}
	}

	/** An outbound QoS 1/2 message awaiting acknowledgement. */
	static final class Entry {

		final Pending pending;

		/** Whether PUBREC came and PUBREL was sent (QoS 2). */
		boolean released;

		Entry(Pending pending) {
			this.pending = pending;
		}

		int qos() {
			return this.pending.qos();
		}

	}

}
