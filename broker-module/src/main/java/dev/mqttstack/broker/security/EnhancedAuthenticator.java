package dev.mqttstack.broker.security;

/**
 * MQTT 5 enhanced authentication (challenge/response through AUTH packets) for one
 * authentication method, such as {@code SCRAM-SHA-256}: starts an
 * {@link AuthenticationExchange} for every CONNECT that names the method.
 */
public interface EnhancedAuthenticator {

	/**
	 * The authentication method this authenticator answers, as clients name it in
	 * CONNECT.
	 * @return the method name
	 */
	String method();

	/**
	 * Starts the exchange of one connection.
	 * @param request the CONNECT's identity (the password is usually absent)
	 * @return the exchange, which the broker drives until it succeeds or fails
	 */
	AuthenticationExchange start(AuthenticationRequest request);

}
