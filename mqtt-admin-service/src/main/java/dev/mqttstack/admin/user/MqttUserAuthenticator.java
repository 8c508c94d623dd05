package dev.mqttstack.admin.user;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mqttstack.broker.ReasonCode;
import dev.mqttstack.broker.security.AuthenticationRequest;
import dev.mqttstack.broker.security.AuthenticationResult;
import dev.mqttstack.broker.security.Authenticator;

/**
 * Authenticator of CONNECTs against the MQTT users in PostgreSQL.
 * <p>
 * Returns at once: the database lookup and the password hash run on a bounded executor.
 * Unknown and disabled users cost a hash as a wrong password does and get the same "not
 * authorized". Before any hash the {@link LoginThrottle} is asked: a (user name, address)
 * or an address that spent its allowance is refused with "connection rate exceeded" (MQTT
 * 3.1.1: "server unavailable"), an address with too many checks in progress or a full
 * executor with "server busy". Successful checks are cached briefly, and a cached login
 * skips the throttle, as it costs no hash.
 */
public class MqttUserAuthenticator implements Authenticator {

	/**
	 * Attribute of {@link dev.mqttstack.broker.ClientInfo} telling whether ACLs are
	 * bypassed.
	 */
	public static final String SUPERUSER = "superuser";

	/** Longest password an MQTT client can send: a binary field of up to 65,535 bytes. */
	static final int MAX_PASSWORD_BYTES = 65_535;

	private static final Logger logger = LoggerFactory.getLogger(MqttUserAuthenticator.class);

	private final MqttUserRepository users;

	private final MosquittoPasswordHasher hasher;

	private final LoginCache cache;

	private final LoginThrottle throttle;

	private final Executor executor;

	private final boolean allowAnonymous;

	private final String dummyHash;

	public MqttUserAuthenticator(MqttUserRepository users, MosquittoPasswordHasher hasher, LoginCache cache,
			LoginThrottle throttle, Executor executor, boolean allowAnonymous) {
		this.users = users;
		this.hasher = hasher;
		this.cache = cache;
		this.throttle = throttle;
		this.executor = executor;
		this.allowAnonymous = allowAnonymous;
		this.dummyHash = hasher.hash("no user has this password");
	}

	@Override
	public CompletionStage<AuthenticationResult> authenticate(AuthenticationRequest request) {
		String username = request.username();
		if (username == null) {
			return CompletableFuture.completedFuture(this.allowAnonymous ? AuthenticationResult.accept(Map.of())
					: AuthenticationResult.refuse(ReasonCode.NOT_AUTHORIZED));
		}
		String address = address(request.remoteAddress());
		if (request.certificateIdentity()) {
			return lookUp(username, () -> checkCertificateIdentity(username, address));
		}
		byte[] password = request.password();
		if (password != null && password.length > MAX_PASSWORD_BYTES) {
			return CompletableFuture.completedFuture(AuthenticationResult.refuse(ReasonCode.BAD_USER_NAME_OR_PASSWORD));
		}
		Boolean cachedSuperuser = this.cache.lookup(username, password);
		if (cachedSuperuser != null) {
			return CompletableFuture.completedFuture(accepted(cachedSuperuser));
		}
		LoginThrottle.Attempt attempt = this.throttle.tryAttempt(username, address);
		if (!attempt.allowed()) {
			logger.debug("Refused CONNECT of '{}' from {} before its check: {}", username, address, attempt.refusal());
			return CompletableFuture
				.completedFuture(AuthenticationResult.refuse((attempt.refusal() == LoginThrottle.Refusal.BUSY)
						? ReasonCode.SERVER_BUSY : ReasonCode.CONNECTION_RATE_EXCEEDED));
		}
		CompletionStage<AuthenticationResult> result = lookUp(username, () -> {
			boolean accepted = false;
			try {
				AuthenticationResult checked = check(username, password, address);
				accepted = checked.isAccepted();
				return checked;
			}
			finally {
				attempt.finish(accepted);
			}
		}, attempt::cancel);
		return result;
	}

	private CompletionStage<AuthenticationResult> lookUp(String username, Supplier<AuthenticationResult> check) {
		return lookUp(username, check, () -> {
		});
	}

	private CompletionStage<AuthenticationResult> lookUp(String username, Supplier<AuthenticationResult> check,
			Runnable onRejected) {
		try {
			return CompletableFuture.supplyAsync(check, this.executor).exceptionally((ex) -> {
				logger.error("Could not check the credentials of '{}'", username, ex);
				return AuthenticationResult.refuse(ReasonCode.SERVER_UNAVAILABLE);
			});
		}
		catch (RejectedExecutionException ex) {
			onRejected.run();
			logger.warn("Refusing CONNECT of '{}': too many password checks are waiting", username);
			return CompletableFuture.completedFuture(AuthenticationResult.refuse(ReasonCode.SERVER_BUSY));
		}
	}

	/**
	 * A user name taken from a verified client certificate: the certificate stands for
	 * the password, as with mosquitto's {@code use_identity_as_username}; the user need
	 * not exist (ACL rules still apply to the name), but a disabled one is refused.
	 */
	private AuthenticationResult checkCertificateIdentity(String username, String address) {
		Optional<MqttUser> user = this.users.find(username);
		if (user.isPresent() && !user.get().enabled()) {
			logger.debug("Refused CONNECT of disabled user '{}' from {} (client certificate)", username, address);
			return AuthenticationResult.refuse(ReasonCode.NOT_AUTHORIZED);
		}
		return accepted(user.map(MqttUser::superuser).orElse(false));
	}

	/** Forgets the cached login of a user whose credentials or rights changed. */
	public void forget(String username) {
		this.cache.invalidate(username);
	}

	private AuthenticationResult check(String username, byte[] password, String address) {
		long generation = this.cache.generation();
		Optional<MqttUser> user = this.users.find(username).filter(MqttUser::enabled);
		boolean matches = this.hasher.matches(password, user.map(MqttUser::passwordHash).orElse(this.dummyHash))
				&& user.isPresent();
		if (!matches) {
			logger.debug("Refused CONNECT of '{}' from {}", username, address);
			return AuthenticationResult.refuse(ReasonCode.NOT_AUTHORIZED);
		}
		boolean superuser = user.get().superuser();
		this.cache.put(username, password, superuser, generation);
		return accepted(superuser);
	}

	private static AuthenticationResult accepted(boolean superuser) {
		return AuthenticationResult.accept(Map.of(SUPERUSER, superuser));
	}

	private static String address(InetSocketAddress remote) {
		if (remote == null) {
			return "unknown";
		}
		return (remote.getAddress() != null) ? remote.getAddress().getHostAddress() : remote.getHostString();
	}

}
