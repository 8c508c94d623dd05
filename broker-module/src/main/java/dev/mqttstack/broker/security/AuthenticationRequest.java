package dev.mqttstack.broker.security;

import java.net.InetSocketAddress;

/**
 * The credentials and identity a client presents in CONNECT.
 *
 * @param clientId the client identifier (already assigned by the broker when the client
 * sent none)
 * @param username the user name, or {@code null} when the client sent none
 * @param password the password bytes, or {@code null} when the client sent none
 * @param remoteAddress the peer address of the connection
 * @param protocolVersion the MQTT protocol level: 3 (3.1), 4 (3.1.1) or 5
 */
public record AuthenticationRequest(String clientId, String username, byte[] password, InetSocketAddress remoteAddress,
		int protocolVersion) {

	@Override
	public String toString() {
		return "AuthenticationRequest[clientId=" + this.clientId + ", username=" + this.username + ", remoteAddress="
				+ this.remoteAddress + ", protocolVersion=" + this.protocolVersion + "]";
	}

}
