package dev.mqttstack.broker.event;

import dev.mqttstack.broker.ReasonCode;

/**
 * Why a client's connection ended, and whether its will is published because of it.
 */
public enum DisconnectReason {

	/** The client sent DISCONNECT: the will is discarded. */
	CLIENT_DISCONNECTED(false, ReasonCode.SUCCESS),

	/** The socket closed or failed without a DISCONNECT. */
	CONNECTION_LOST(true, ReasonCode.UNSPECIFIED_ERROR),

	/** No packet arrived within one and a half times the keep-alive. */
	KEEP_ALIVE_TIMEOUT(true, ReasonCode.KEEP_ALIVE_TIMEOUT),

	/** The client broke the protocol, for example with a second CONNECT. */
	PROTOCOL_ERROR(true, ReasonCode.PROTOCOL_ERROR),

	/** The client sent bytes that do not decode as MQTT. */
	MALFORMED_PACKET(true, ReasonCode.MALFORMED_PACKET),

	/** The client sent a packet larger than the broker accepts. */
	PACKET_TOO_LARGE(true, ReasonCode.PACKET_TOO_LARGE),

	/**
	 * The client sent more unacknowledged QoS 2 messages than the broker's receive
	 * maximum.
	 */
	RECEIVE_MAXIMUM_EXCEEDED(true, ReasonCode.RECEIVE_MAXIMUM_EXCEEDED),

	/** The client used a topic alias of 0, above the maximum, or one it never set. */
	TOPIC_ALIAS_INVALID(true, ReasonCode.TOPIC_ALIAS_INVALID),

	/** The client published to a topic longer or deeper than the broker allows. */
	TOPIC_NAME_INVALID(true, ReasonCode.TOPIC_NAME_INVALID),

	/** MQTT 5 re-authentication failed. */
	NOT_AUTHORIZED(true, ReasonCode.NOT_AUTHORIZED),

	/** The client sent DISCONNECT with reason 0x04 (disconnect with will message). */
	CLIENT_DISCONNECTED_WITH_WILL(true, ReasonCode.DISCONNECT_WITH_WILL_MESSAGE),

	/** The client's queue overflowed with the {@code DISCONNECT} overflow policy. */
	QUEUE_FULL(true, ReasonCode.QUOTA_EXCEEDED),

	/** Another connection with the same client identifier took the session over. */
	SESSION_TAKEN_OVER(true, ReasonCode.SESSION_TAKEN_OVER),

	/** An operator or the embedding application disconnected the client. */
	ADMINISTRATIVE_ACTION(true, ReasonCode.ADMINISTRATIVE_ACTION),

	/**
	 * A packet the client started did not arrive whole within the partial packet timeout.
	 * MQTT 5 has no reason code of its own for it: the DISCONNECT carries 0x8D keep alive
	 * timeout, the nearest.
	 */
	PARTIAL_PACKET_TIMEOUT(true, ReasonCode.KEEP_ALIVE_TIMEOUT),

	/**
	 * The client's incomplete packet would have passed the bytes the broker buffers for
	 * all connections.
	 */
	INBOUND_BUFFER_FULL(true, ReasonCode.QUOTA_EXCEEDED),

	/** The broker is stopping. */
	SERVER_SHUTTING_DOWN(true, ReasonCode.SERVER_SHUTTING_DOWN);

	private final boolean publishesWill;

	private final ReasonCode reasonCode;

	DisconnectReason(boolean publishesWill, ReasonCode reasonCode) {
		this.publishesWill = publishesWill;
		this.reasonCode = reasonCode;
	}

	/**
	 * The MQTT 5 reason code the broker's DISCONNECT carries for this reason.
	 * @return the reason code
	 */
	public ReasonCode reasonCode() {
		return this.reasonCode;
	}

	/**
	 * Whether an end for this reason publishes the client's will.
	 * @return {@code true} for every abnormal end
	 */
	public boolean publishesWill() {
		return this.publishesWill;
	}

}
