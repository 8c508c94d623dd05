package dev.mqttstack.broker.connection;

/**
 * What a client asked for in CONNECT that shapes what the broker sends it and how its
 * session ends: receive maximum, maximum packet size, session expiry (which an MQTT 5
 * DISCONNECT may change), will delay and the keep-alive before the broker's cap. Written
 * while CONNECT is handled, read on the channel's event loop.
 */
public final class ClientSettings {

	private int receiveMaximum = 65_535;

	private int maximumPacketSize = Integer.MAX_VALUE;

	private long sessionExpiryInterval;

	private long willDelayInterval;

	private int requestedKeepAlive;

	/**
	 * Records the CONNECT properties.
	 * @param receiveMaximum unacknowledged QoS 1/2 messages the client accepts
	 * @param maximumPacketSize largest packet the client accepts
	 * @param sessionExpiryInterval seconds the session outlives the connection; -1 for
	 * until removed
	 * @param willDelayInterval seconds to wait before publishing the will
	 */
	public void set(int receiveMaximum, int maximumPacketSize, long sessionExpiryInterval, long willDelayInterval) {
		this.receiveMaximum = receiveMaximum;
		this.maximumPacketSize = maximumPacketSize;
		this.sessionExpiryInterval = sessionExpiryInterval;
		this.willDelayInterval = willDelayInterval;
	}

	public int receiveMaximum() {
		return this.receiveMaximum;
	}

	public int maximumPacketSize() {
		return this.maximumPacketSize;
	}

	public long sessionExpiryInterval() {
		return this.sessionExpiryInterval;
	}

	/**
	 * Changes the session expiry, as an MQTT 5 DISCONNECT may.
	 * @param sessionExpiryInterval the new interval in seconds
	 */
	public void setSessionExpiryInterval(long sessionExpiryInterval) {
		this.sessionExpiryInterval = sessionExpiryInterval;
	}

	public long willDelayInterval() {
		return this.willDelayInterval;
	}

	/**
	 * Records the keep-alive the client asked for, before the broker's cap.
	 * @param seconds the keep-alive in CONNECT
	 */
	public void setRequestedKeepAlive(int seconds) {
		this.requestedKeepAlive = seconds;
	}

	public int requestedKeepAlive() {
		return this.requestedKeepAlive;
	}

}
