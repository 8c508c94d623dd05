package dev.mqttstack.broker;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * What the broker knows about a connected client: identity, protocol and the attributes
 * its authentication gave it.
 *
 * @param clientId the client identifier, assigned by the broker when the client sent none
 * @param username the user name from CONNECT, or {@code null}
 * @param remoteAddress the peer address of the connection
 * @param protocolVersion the MQTT protocol level: 3 (3.1), 4 (3.1.1) or 5
 * @param cleanSession whether the session ends with the connection
 * @param keepAliveSeconds the keep-alive the client asked for, 0 for none
 * @param attributes what the {@link dev.mqttstack.broker.security.Authenticator}
 * attached, for example a superuser flag
 */
public record ClientInfo(String clientId, String username, InetSocketAddress remoteAddress, int protocolVersion,
		boolean cleanSession, int keepAliveSeconds, Map<String, Object> attributes) {

	public ClientInfo {
		attributes = Map.copyOf(attributes);
	}

	/**
	 * Returns an attribute set by the authenticator.
	 * @param name the attribute name
	 * @return the value, or {@code null} when absent
	 */
	public Object attribute(String name) {
		return this.attributes.get(name);
	}

}
