package dev.mqttstack.admin.security;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.Bucket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.stereotype.Component;

/**
 * Logger of failed admin API logins as security events: one WARN line with the user name
 * and address per failure, at most ten lines every ten seconds; the lines left out are
 * counted in the next one written.
 */
@Component
class AdminLoginFailureLogger {

	private static final Logger logger = LoggerFactory.getLogger("dev.mqttstack.admin.security.events");

	private final Bucket lines = Bucket.builder()
		.addLimit((limit) -> limit.capacity(10).refillGreedy(10, Duration.ofSeconds(10)))
		.build();

	private final AtomicLong suppressed = new AtomicLong();

	@EventListener
	void onFailure(AbstractAuthenticationFailureEvent event) {
		if (event.getException() instanceof LoginThrottledException) {
			return;
		}
		if (!this.lines.tryConsume(1)) {
			this.suppressed.incrementAndGet();
			return;
		}
		long skipped = this.suppressed.getAndSet(0);
		logger.warn("Failed admin login for '{}' from {}: {}{}", printable(event.getAuthentication().getName()),
				ThrottledAuthenticationManager.address(event.getAuthentication()), event.getException().getMessage(),
				(skipped > 0) ? " (" + skipped + " more failures not logged)" : "");
	}

	/** The user name with control characters escaped, so it cannot forge log lines. */
	static String printable(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder result = new StringBuilder(Math.min(text.length(), 128));
		text.codePoints().limit(128).forEach((c) -> {
			if (Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE) {
				result.append(String.format("\\u%04x", c));
			}
			else {
				result.appendCodePoint(c);
			}
		});
		return result.toString();
	}

}
