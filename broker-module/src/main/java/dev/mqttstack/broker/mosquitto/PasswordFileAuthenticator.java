package dev.mqttstack.broker.mosquitto;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import dev.mqttstack.broker.ReasonCode;
import dev.mqttstack.broker.security.AuthenticationRequest;
import dev.mqttstack.broker.security.AuthenticationResult;
import dev.mqttstack.broker.security.Authenticator;

/**
 * Authenticator with mosquitto's {@code password_file} and {@code allow_anonymous}
 * semantics: a client without a user name is accepted only when anonymous clients are
 * allowed (else refused as not authorized); a client with a user name must give the
 * password of a user of the file (else refused as bad user name or password), or is
 * treated as anonymous when there is no file; a client whose user name is its verified
 * TLS certificate's common name ({@code use_identity_as_username}) needs no password.
 * <p>
 * Hashes are verified on the given executor, never on an event loop; {@link #users} can
 * be replaced while clients connect (a reloaded file).
 */
public final class PasswordFileAuthenticator implements Authenticator {

	private final boolean allowAnonymous;

	private final Executor executor;

	private volatile Map<String, String> hashes;

	/**
	 * Creates an authenticator.
	 * @param hashes user name to encoded hash ({@link PasswordFile#hashes()}), or
	 * {@code null} when no password file is configured
	 * @param allowAnonymous whether clients without a user name are accepted
	 * @param executor where hashes are verified
	 */
	public PasswordFileAuthenticator(Map<String, String> hashes, boolean allowAnonymous, Executor executor) {
		this.hashes = (hashes != null) ? Map.copyOf(hashes) : null;
		this.allowAnonymous = allowAnonymous;
		this.executor = Objects.requireNonNull(executor, "executor");
	}

	/**
	 * Replaces the users, for connections that authenticate from now on.
	 * @param hashes user name to encoded hash
	 */
	public void users(Map<String, String> hashes) {
		this.hashes = Map.copyOf(hashes);
	}

	@Override
	public CompletionStage<AuthenticationResult> authenticate(AuthenticationRequest request) {
		if (request.certificateIdentity()) {
			return CompletableFuture.completedFuture(AuthenticationResult.accept());
		}
		Map<String, String> users = this.hashes;
		if (request.username() == null || users == null) {
			return CompletableFuture.completedFuture(this.allowAnonymous ? AuthenticationResult.accept()
					: AuthenticationResult.refuse(ReasonCode.NOT_AUTHORIZED));
		}
		String hash = users.get(request.username());
		if (hash == null || request.password() == null) {
			return CompletableFuture.completedFuture(AuthenticationResult.refuse(ReasonCode.BAD_USER_NAME_OR_PASSWORD));
		}
		return CompletableFuture.supplyAsync(() -> MosquittoPasswordHash.matches(request.password(), hash)
				? AuthenticationResult.accept() : AuthenticationResult.refuse(ReasonCode.BAD_USER_NAME_OR_PASSWORD),
				this.executor);
	}

}
