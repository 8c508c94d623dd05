package dev.mqttstack.admin.ban;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mqttstack.broker.ReasonCode;
import dev.mqttstack.broker.security.AuthenticationRequest;
import dev.mqttstack.broker.security.AuthenticationResult;
import dev.mqttstack.broker.security.Authenticator;

/**
 * Authenticator that refuses banned clients before the one it wraps is asked, so no
 * password is hashed for them: reason 0x8A "banned" (MQTT 3.1.1: return code 5, not
 * authorized). The check reads the in-memory {@link BanList} on the event loop.
 */
public class BanningAuthenticator implements Authenticator {

	private static final Logger logger = LoggerFactory.getLogger(BanningAuthenticator.class);

	private final BanList bans;

	private final Authenticator delegate;

	public BanningAuthenticator(BanList bans, Authenticator delegate) {
		this.bans = bans;
		this.delegate = delegate;
	}

	@Override
	public CompletionStage<AuthenticationResult> authenticate(AuthenticationRequest request) {
		Optional<Ban> ban = this.bans.find(request.clientId(), request.username(), request.remoteAddress());
		if (ban.isPresent()) {
			logger.debug("Refused CONNECT of client '{}' (user '{}') from {}: banned by ban {} ({} {})",
					request.clientId(), request.username(), request.remoteAddress(), ban.get().id(), ban.get().kind(),
					ban.get().value());
			return CompletableFuture.completedFuture(AuthenticationResult.refuse(ReasonCode.BANNED));
		}
		// checked again once the password is: a ban made during the check, which found
		// no connected client to kick, still keeps this one out
		return this.delegate.authenticate(request)
			.thenApply((result) -> (result.isAccepted()
					&& this.bans.find(request.clientId(), request.username(), request.remoteAddress()).isPresent())
							? AuthenticationResult.refuse(ReasonCode.BANNED) : result);
	}

}
