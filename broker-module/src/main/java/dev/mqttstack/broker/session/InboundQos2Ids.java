package dev.mqttstack.broker.session;

import java.util.HashSet;
import java.util.Set;

/**
 * The inbound QoS 2 packet identifiers of one session awaiting PUBREL: a re-sent PUBLISH
 * with one of them is not routed again. On the session's owner loop.
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

	Set<Integer> ids() {
		return (this.ids != null) ? this.ids : Set.of();
	}

	void restore(Set<Integer> restored) {
		this.ids = restored.isEmpty() ? null : new HashSet<>(restored);
	}

	void clear() {
		this.ids = null;
	}

}
