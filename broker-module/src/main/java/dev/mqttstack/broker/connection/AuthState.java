package dev.mqttstack.broker.connection;

import dev.mqttstack.broker.security.AuthenticationExchange;

/**
 * The MQTT 5 enhanced authentication state of one connection: the method the client
 * chose, the exchange in progress (at CONNECT or a re-authentication), the server data
 * for CONNACK, and whether the broker assigned the client identifier. On the channel's
 * event loop.
 */
public final class AuthState {

	private AuthenticationExchange exchange;

	private String method;

	private byte[] serverData;

	private boolean assignedClientId;

	/**
	 * Starts an enhanced authentication exchange.
	 * @param method the authentication method
	 * @param exchange the exchange
	 * @param assignedClientId whether the broker assigned the client identifier
	 */
	public void start(String method, AuthenticationExchange exchange, boolean assignedClientId) {
		this.method = method;
		this.exchange = exchange;
		this.assignedClientId = assignedClientId;
	}

	/**
	 * Ends the exchange successfully.
	 * @param serverData data for CONNACK or the final AUTH, or {@code null}
	 */
	public void finish(byte[] serverData) {
		this.exchange = null;
		this.serverData = serverData;
	}

	/**
	 * The exchange in progress, or {@code null}.
	 * @return the exchange
	 */
	public AuthenticationExchange exchange() {
		return this.exchange;
	}

	/**
	 * The method the client used, or {@code null} without enhanced authentication.
	 * @return the method
	 */
	public String method() {
		return this.method;
	}

	/**
	 * The server data of the last finished step, or {@code null}.
	 * @return the data
	 */
	public byte[] serverData() {
		return this.serverData;
	}

	/**
	 * Whether the broker assigned the client identifier (MQTT 5 CONNACK then tells the
	 * client).
	 * @return {@code true} when the client sent none
	 */
	public boolean isAssignedClientId() {
		return this.assignedClientId;
	}

}
