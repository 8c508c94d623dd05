package dev.mqttstack.broker.cluster;

/**
 * How messages and requests from other nodes enter this node's broker; implemented by the
 * broker and handed to {@link Cluster#start(LocalNode)}. Safe to call from any thread:
 * deliveries go to each session's own event loop like local ones.
 */
public interface LocalNode {

	/**
	 * Delivers a message another node forwarded to the local subscribers it names, once
	 * per matching subscriber, without storing it as retained again.
	 * @param forwarded the message and which local subscriptions it is for
	 * @return how many sessions it was delivered to
	 */
	int deliver(Forwarded forwarded);

	/**
	 * Ends the local session of a client identifier another node now owns: its client is
	 * closed with "session taken over" (0x8E); its stored state is left to the new owner.
	 * @param clientId the client identifier
	 * @return {@code true} if this node held a session of it
	 */
	boolean takeOver(String clientId);

	/**
	 * Disconnects a connected client of this node (administrative action, 0x98).
	 * @param clientId the client identifier
	 * @return {@code true} if it was connected here
	 */
	boolean kick(String clientId);

}
