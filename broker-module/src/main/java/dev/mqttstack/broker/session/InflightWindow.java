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

	private final LinkedHashMap<Integer, Entry> entries = new LinkedHashMap<>();

	private final int maxInflight;

	private int nextPacketId = 1;

	InflightWindow(int maxInflight) {
		this.maxInflight = maxInflight;
	}

	/**
	 * Whether another message may be sent to a client that accepts a receive maximum.
	 */
	boolean hasRoom(int receiveMaximum) {
		return this.entries.size() < Math.min(this.maxInflight, receiveMaximum);
	}

	/** Puts a message in flight. @return its new packet identifier */
	int open(Entry entry) {
		int packetId = allocatePacketId();
		this.entries.put(packetId, entry);
		return packetId;
	}

	Entry get(int packetId) {
		return this.entries.get(packetId);
	}

	void remove(int packetId) {
		this.entries.remove(packetId);
	}

	/**
	 * Completes the entry a PUBACK (QoS 1) or PUBCOMP (QoS 2) acknowledges.
	 * @return the completed entry, or {@code null} when none of that QoS was in flight
	 */
	Entry complete(int packetId, int qos) {
		Entry entry = this.entries.get(packetId);
		if (entry == null || entry.qos() != qos) {
			return null;
		}
		this.entries.remove(packetId);
		return entry;
	}

	int size() {
		return this.entries.size();
	}

	/** A copy of the entries, in the order they were sent, to resend or snapshot. */
	List<Map.Entry<Integer, Entry>> entries() {
		return new ArrayList<>(this.entries.entrySet());
	}

	/** Puts back a message in flight when restored from a store. */
	void restore(int packetId, Entry entry) {
		this.entries.put(packetId, entry);
		this.nextPacketId = Math.max(this.nextPacketId, packetId % 65535 + 1);
	}

	/** Takes out the unreleased messages shared subscriptions chose this session for. */
	void takeShared(List<Pending> taken, SessionJournal journal) {
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
		this.entries.clear();
	}

	private int allocatePacketId() {
		while (true) {
			int candidate = this.nextPacketId;
			this.nextPacketId = (candidate == 65535) ? 1 : candidate + 1;
			if (!this.entries.containsKey(candidate)) {
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
