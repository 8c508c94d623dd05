package dev.mqttstack.broker.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.mqttstack.broker.ReasonCode;
import dev.mqttstack.broker.security.AuthenticationRequest;
import dev.mqttstack.broker.security.AuthenticationResult;
import dev.mqttstack.broker.security.Authenticator;

/**
 * Authenticator of tests: accepts clients without a user name, and users of a fixed map
 * with their password; refuses everyone else with a bad user name or password.
 */
public final class PasswordAuthenticator implements Authenticator {

	private final Map<String, String> passwords;

	public PasswordAuthenticator(Map<String, String> passwords) {
		this.passwords = Map.copyOf(passwords);
	}

	@Override
	public CompletionStage<AuthenticationResult> authenticate(AuthenticationRequest request) {
		if (request.username() == null) {
			return CompletableFuture.completedFuture(AuthenticationResult.accept());
		}
		String expected = this.passwords.get(request.username());
		boolean valid = expected != null && request.password() != null
				&& Arrays.equals(expected.getBytes(StandardCharsets.UTF_8), request.password());
		return CompletableFuture.completedFuture(valid ? AuthenticationResult.accept()
				: AuthenticationResult.refuse(ReasonCode.BAD_USER_NAME_OR_PASSWORD));
	}

}
