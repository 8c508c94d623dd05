package dev.mqttstack.admin.security;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

import dev.mqttstack.admin.user.LoginThrottle;

/**
 * An admin login refused before its password check: too many recent failures or checks.
 */
public class LoginThrottledException extends AuthenticationException {

	private final transient LoginThrottle.Refusal refusal;

	private final Duration retryAfter;

	public LoginThrottledException(LoginThrottle.Refusal refusal, Duration retryAfter) {
		super((refusal == LoginThrottle.Refusal.BUSY) ? "Too many logins in progress from this address"
				: "Too many failed logins; try again later");
		this.refusal = refusal;
		this.retryAfter = retryAfter;
	}

	public LoginThrottle.Refusal getRefusal() {
		return this.refusal;
	}

	/** When a new attempt may succeed, rounded up to whole seconds, at least one. */
	public long getRetryAfterSeconds() {
		return Math.max(1, (this.retryAfter.toMillis() + 999) / 1000);
	}

}
