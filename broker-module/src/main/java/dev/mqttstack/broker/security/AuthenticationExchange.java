package dev.mqttstack.broker.security;

import java.util.concurrent.CompletionStage;

/**
 * One connection's enhanced authentication, step by step: the broker passes the
 * authentication data of CONNECT, then of each AUTH the client sends, and answers with
 * what the step returns. Steps never overlap; they may complete on any thread.
 */
@FunctionalInterface
public interface AuthenticationExchange {

	/**
	 * Takes the client's next authentication data.
	 * @param clientData the data from CONNECT or AUTH, empty when the client sent none
	 * @return success (CONNACK), a challenge (AUTH 0x18 continue authentication) or a
	 * failure (CONNACK with its code)
	 */
	CompletionStage<AuthenticationStep> next(byte[] clientData);

}
