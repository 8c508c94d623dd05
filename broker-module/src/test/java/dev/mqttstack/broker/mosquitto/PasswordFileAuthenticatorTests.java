package dev.mqttstack.broker.mosquitto;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.mqttstack.broker.ReasonCode;
import dev.mqttstack.broker.security.AuthenticationRequest;
import dev.mqttstack.broker.security.AuthenticationResult;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordFileAuthenticatorTests {

	private static final Map<String, String> USERS = Map.of("alice", MosquittoPasswordHash.create("secret", 10));

	private final Thread eventLoop = Thread.currentThread();

	private volatile Thread hashedOn;

	@Test
	void userOfTheFileWithItsPasswordIsAcceptedAfterHashingOffTheCallingThread() {
		PasswordFileAuthenticator authenticator = new PasswordFileAuthenticator(USERS, false, (task) -> {
			Thread thread = new Thread(() -> {
				this.hashedOn = Thread.currentThread();
				task.run();
			});
			thread.start();
		});
		assertThat(result(authenticator, "alice", "secret").isAccepted()).isTrue();
		assertThat(this.hashedOn).isNotNull().isNotSameAs(this.eventLoop);
	}

	@Test
	void wrongPasswordUnknownUserAndMissingPasswordAreBadCredentials() {
		PasswordFileAuthenticator authenticator = new PasswordFileAuthenticator(USERS, true, Runnable::run);
		assertThat(result(authenticator, "alice", "wrong").reasonCode())
			.isEqualTo(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
		assertThat(result(authenticator, "mallory", "secret").reasonCode())
			.isEqualTo(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
		assertThat(result(authenticator, "alice", null).reasonCode()).isEqualTo(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
	}

	@Test
	void anonymousClientsAreAcceptedOnlyWhenAllowed() {
		assertThat(result(new PasswordFileAuthenticator(USERS, false, Runnable::run), null, null).reasonCode())
			.isEqualTo(ReasonCode.NOT_AUTHORIZED);
		assertThat(result(new PasswordFileAuthenticator(USERS, true, Runnable::run), null, null).isAccepted()).isTrue();
		assertThat(result(new PasswordFileAuthenticator(null, false, Runnable::run), "alice", "x").reasonCode())
			.as("no password file: a user name alone proves nothing")
			.isEqualTo(ReasonCode.NOT_AUTHORIZED);
	}

	@Test
	void certificateIdentityNeedsNoPassword() {
		PasswordFileAuthenticator authenticator = new PasswordFileAuthenticator(USERS, false, Runnable::run);
		AuthenticationRequest request = new AuthenticationRequest("c", "device-42", null,
				new InetSocketAddress("127.0.0.1", 1), 4, true);
		assertThat(authenticator.authenticate(request).toCompletableFuture().join().isAccepted()).isTrue();
	}

	@Test
	void replacedUsersApplyToTheNextConnect() {
		PasswordFileAuthenticator authenticator = new PasswordFileAuthenticator(USERS, false, Runnable::run);
		authenticator.users(Map.of("carol", MosquittoPasswordHash.create("c", 10)));
		assertThat(result(authenticator, "carol", "c").isAccepted()).isTrue();
		assertThat(result(authenticator, "alice", "secret").isAccepted()).isFalse();
	}

	private static AuthenticationResult result(PasswordFileAuthenticator authenticator, String user, String password) {
		byte[] bytes = (password != null) ? password.getBytes(StandardCharsets.UTF_8) : null;
		return authenticator
			.authenticate(new AuthenticationRequest("c", user, bytes, new InetSocketAddress("127.0.0.1", 1), 4))
			.toCompletableFuture()
			.join();
	}

}
