package dev.mqttstack.broker.session;

import java.util.HashSet;
import java.util.Set;

/**
 * The inbound QoS 2 packet identifiers of one session awaiting PUBREL: a re-sent PUBLISH
 * with one of them is not routed again. Created by the session on first use: most
 * sessions never receive QoS 2. On the session's owner loop.
 */
final class InboundQos2Ids {

	private final SessionJournal journal;

	/** Created by the first one: most sessions never receive QoS 2. */
	private Set<Integer> ids;

	InboundQos2Ids(SessionJournal journal) {
		this.journal = journal;
	}

	/**
	 * @return {@code true} the first time, {@code false} for a duplicate
	 */
	boolean receive(int packetId) {
		if (this.ids == null) {
			this.ids = new HashSet<>();
		}
		boolean added = this.ids.add(packetId);
		if (added) {
			this.journal.inboundQos2Received(packetId);
		}
		return added;
	}

	void release(int packetId) {
		if (this.ids != null && this.ids.remove(packetId)) {
			this.journal.inboundQos2Released(packetId);
		}
	}

	boolean contains(int packetId) {
		return this.ids != null && this.ids.contains(packetId);
	}

	int count() {
		return (this.ids != null) ? this.ids.size() : 0;
	}

	/**
	 * The identifiers of a session's inbound QoS 2 ids, which it creates on first use.
	 * @param qos2 the ids, or {@code null} when none were ever received
	 * @return the identifiers
	 */
	static Set<Integer> ids(InboundQos2Ids qos2) {
		return (qos2 != null && qos2.ids != null) ? qos2.ids : Set.of();
	}

	/**
	 * The inbound QoS 2 ids of a restored session.
	 * @return the ids, or {@code null} for none (created on first use)
	 */
	static InboundQos2Ids restored(SessionJournal journal, Set<Integer> restored) {
		if (restored.isEmpty()) {
			return null;
		}
		InboundQos2Ids qos2 = new InboundQos2Ids(journal);
		qos2.ids = new HashSet<>(restored);
		return qos2;
	}

	void clear() {
		this.ids = null;
	}

}
