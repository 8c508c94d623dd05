package dev.mqttstack.broker.security;

import java.util.Map;
import java.util.Objects;

import dev.mqttstack.broker.ReasonCode;

/**
 * The outcome of one step of an {@link AuthenticationExchange}.
 *
 * @param reasonCode {@link ReasonCode#SUCCESS},
 * {@link ReasonCode#CONTINUE_AUTHENTICATION} or a failure
 * @param serverData authentication data for the client, or {@code null}
 * @param attributes attributes of the authenticated client, on success
 */
public record AuthenticationStep(ReasonCode reasonCode, byte[] serverData, Map<String, Object> attributes) {

	public AuthenticationStep {
		Objects.requireNonNull(reasonCode, "reasonCode");
		attributes = Map.copyOf(attributes);
	}

	/**
	 * The client is authenticated.
	 * @param serverData final data for the client (in CONNACK), or {@code null}
	 * @param attributes attributes for the authorizer
	 * @return the step
	 */
	public static AuthenticationStep success(byte[] serverData, Map<String, Object> attributes) {
		return new AuthenticationStep(ReasonCode.SUCCESS, serverData, attributes);
	}

	/**
	 * The client must answer a challenge.
	 * @param serverData the challenge
	 * @return the step
	 */
	public static AuthenticationStep challenge(byte[] serverData) {
		return new AuthenticationStep(ReasonCode.CONTINUE_AUTHENTICATION, serverData, Map.of());
	}

	/**
	 * The client is refused.
	 * @param reasonCode why, for example {@link ReasonCode#NOT_AUTHORIZED}
	 * @return the step
	 */
	public static AuthenticationStep failure(ReasonCode reasonCode) {
		if (!reasonCode.isFailure()) {
			throw new IllegalArgumentException("A failure needs a failure reason code, not " + reasonCode);
		}
		return new AuthenticationStep(reasonCode, null, Map.of());
	}

}
