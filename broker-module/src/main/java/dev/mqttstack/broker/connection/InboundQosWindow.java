package dev.mqttstack.broker.connection;

/**
 * The connection side of the broker's Receive Maximum: counts inbound QoS 1 PUBLISHes
 * whose PUBACK and QoS 2 PUBRELs whose PUBCOMP are not written yet. With the session's
 * unreleased QoS 2 identifiers, this is what counts against the receive maximum the
 * broker advertises. On the channel's event loop.
 */
public final class InboundQosWindow {

	private int repliesPending;

	/**
	 * An inbound PUBACK or PUBCOMP is on its way: the packet it answers counts until
	 * {@link #replyWritten()}.
	 */
	public void replyPending() {
		this.repliesPending++;
	}

	/** An inbound PUBACK or PUBCOMP was written. */
	public void replyWritten() {
		this.repliesPending--;
	}

	/**
	 * Counts the inbound PUBACKs and PUBCOMPs not written yet.
	 * @return the count
	 */
	public int repliesPending() {
		return this.repliesPending;
	}

}
