package dev.mqttstack.admin.security;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import dev.mqttstack.admin.user.LoginThrottle;

/**
 * Authentication manager of the admin API that asks the {@link LoginThrottle} before the
 * delegate hashes a password: a spent allowance or too many checks in progress from one
 * address fail with {@link LoginThrottledException} (429), a correct password gives its
 * attempt back.
 */
class ThrottledAuthenticationManager implements AuthenticationManager {

	private final AuthenticationManager delegate;

	private final LoginThrottle throttle;

	ThrottledAuthenticationManager(AuthenticationManager delegate, LoginThrottle throttle) {
		this.delegate = delegate;
		this.throttle = throttle;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		LoginThrottle.Attempt attempt = this.throttle.tryAttempt(String.valueOf(authentication.getName()),
				address(authentication));
		if (!attempt.allowed()) {
			throw new LoginThrottledException(attempt.refusal(), attempt.retryAfter());
		}
		boolean succeeded = false;
		try {
			Authentication result = this.delegate.authenticate(authentication);
			succeeded = result != null && result.isAuthenticated();
			return result;
		}
		finally {
			attempt.finish(succeeded);
		}
	}

	static String address(Authentication authentication) {
		if (authentication.getDetails() instanceof WebAuthenticationDetails details
				&& details.getRemoteAddress() != null) {
			return details.getRemoteAddress();
		}
		return "unknown";
	}

}
