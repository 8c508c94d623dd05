package dev.mqttstack.broker.security;

import java.util.Map;
import java.util.Objects;

import dev.mqttstack.broker.ReasonCode;

/**
 * Decision of an {@link Authenticator}: accepted, with attributes for the
 * {@link Authorizer}, or refused with a reason.
 *
 * @param reasonCode {@link ReasonCode#SUCCESS} when accepted, otherwise why not
 * @param attributes attributes of the accepted client, for example {@code superuser}
 */
public record AuthenticationResult(ReasonCode reasonCode, Map<String, Object> attributes) {

	public AuthenticationResult {
		Objects.requireNonNull(reasonCode, "reasonCode");
		attributes = Map.copyOf(attributes);
	}

	/**
	 * Accepts the client with no attributes.
	 * @return an accepting result
	 */
	public static AuthenticationResult accept() {
		return new AuthenticationResult(ReasonCode.SUCCESS, Map.of());
	}

	/**
	 * Accepts the client with attributes the authorizer can read from
	 * {@link dev.mqttstack.broker.ClientInfo#attributes()}.
	 * @param attributes the attributes
	 * @return an accepting result
	 */
	public static AuthenticationResult accept(Map<String, Object> attributes) {
		return new AuthenticationResult(ReasonCode.SUCCESS, attributes);
	}

	/**
	 * Refuses the client.
	 * @param reasonCode a failure code, such as
	 * {@link ReasonCode#BAD_USER_NAME_OR_PASSWORD} or {@link ReasonCode#NOT_AUTHORIZED}
	 * @return a refusing result
	 */
	public static AuthenticationResult refuse(ReasonCode reasonCode) {
		if (!reasonCode.isFailure()) {
			throw new IllegalArgumentException("A refusal needs a failure reason code, not " + reasonCode);
		}
		return new AuthenticationResult(reasonCode, Map.of());
	}

	/**
	 * Whether the client may connect.
	 * @return {@code true} when accepted
	 */
	public boolean isAccepted() {
		return this.reasonCode == ReasonCode.SUCCESS;
	}

}
