package dev.mqttstack.broker.security;

import java.net.InetSocketAddress;

/**
 * The credentials and identity a client presents in CONNECT.
 *
 * @param clientId the client identifier (already assigned by the broker when the client
 * sent none)
 * @param username the user name, or {@code null} when the client sent none
 * @param password the password bytes, or {@code null} when the client sent none
 * @param remoteAddress the peer address of the connection * @param protocolVersion the
 * MQTT protocol level: 3 (3.1), 4 (3.1.1) or 5
 * @param certificateIdentity whether the user name is the common name of a client
 * certificate the TLS listener verified
 * ({@code TlsConfig.withUsernameFromCertificate()}): the certificate then stands for the
 * password, as with mosquitto's {@code use_identity_as_username}
 */
public record AuthenticationRequest(String clientId, String username, byte[] password, InetSocketAddress remoteAddress,
		int protocolVersion, boolean certificateIdentity) {

	/**
	 * A request whose user name came from CONNECT.
	 * @param clientId the client identifier
	 * @param username the user name, or {@code null}
	 * @param password the password bytes, or {@code null}
	 * @param remoteAddress the peer address
	 * @param protocolVersion the MQTT protocol level
	 */
	public AuthenticationRequest(String clientId, String username, byte[] password, InetSocketAddress remoteAddress,
			int protocolVersion) {
		this(clientId, username, password, remoteAddress, protocolVersion, false);
	}

	@Override
	public String toString() {
		return "AuthenticationRequest[clientId=" + this.clientId + ", username=" + this.username + ", remoteAddress="
				+ this.remoteAddress + ", protocolVersion=" + this.protocolVersion + ", certificateIdentity="
				+ this.certificateIdentity + "]";
	}

}
