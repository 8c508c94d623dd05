package dev.mqttstack.broker.connection;

/**
 * Why the broker stops reading a connection; reading resumes when no reason is left.
 */
public enum ReadPause {

	/** CONNECT is being authenticated. */
	AUTHENTICATION(1),

	/** The socket is not writable: the client does not read what the broker sends. */
	UNWRITABLE(2),

	/** The client publishes faster than {@code maxPublishRate}. */
	PUBLISH_RATE(4),

	/** A connected subscriber this client publishes to is backed up. */
	BACKPRESSURE(8),

	/** The session store has not made enough of the client's messages durable yet. */
	STORE(16);

	final int bit;

	ReadPause(int bit) {
		this.bit = bit;
	}

}
