package dev.mqttstack.broker.event;

/**
 * Why a client's connection ended, and whether its will is published because of it.
 */
public enum DisconnectReason {

	/** The client sent DISCONNECT: the will is discarded. */
	CLIENT_DISCONNECTED(false),

	/** The socket closed or failed without a DISCONNECT. */
	CONNECTION_LOST(true),

	/** No packet arrived within one and a half times the keep-alive. */
	KEEP_ALIVE_TIMEOUT(true),

	/** The client broke the protocol, for example with a second CONNECT. */
	PROTOCOL_ERROR(true),

	/** The client sent bytes that do not decode as MQTT. */
	MALFORMED_PACKET(true),

	/** The client sent a packet larger than the broker accepts. */
	PACKET_TOO_LARGE(true),

	/** Another connection with the same client identifier took the session over. */
	SESSION_TAKEN_OVER(true),

	/** An operator or the embedding application disconnected the client. */
	ADMINISTRATIVE_ACTION(true),

	/** The broker is stopping. */
	SERVER_SHUTTING_DOWN(true);

	private final boolean publishesWill;

	DisconnectReason(boolean publishesWill) {
		this.publishesWill = publishesWill;
	}

	/**
	 * Whether an end for this reason publishes the client's will.
	 * @return {@code true} for every abnormal end
	 */
	public boolean publishesWill() {
		return this.publishesWill;
	}

}
