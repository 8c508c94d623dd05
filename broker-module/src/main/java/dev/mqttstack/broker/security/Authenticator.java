package dev.mqttstack.broker.security;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Decides whether a CONNECT is accepted, from its credentials, client identifier and peer
 * address.
 * <p>
 * Called on the connection's event loop: an implementation must return at once and do
 * slow work (password hashing, a database) on its own executor, completing the returned
 * stage from there. The broker stops reading the connection until the stage completes.
 */
@FunctionalInterface
public interface Authenticator {

	/** Accepts every client: the default when no authenticator is configured. */
	Authenticator ALLOW_ALL = (request) -> CompletableFuture.completedFuture(AuthenticationResult.accept());

	/**
	 * Authenticates one CONNECT.
	 * @param request what the client presented
	 * @return the decision, completed on any thread
	 */
	CompletionStage<AuthenticationResult> authenticate(AuthenticationRequest request);

}
