package dev.mqttstack.admin.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class AdminLoginFailureLoggerTests {

	@Test
	void aFloodOfFailuresIsLoggedAtMostTenLinesAtOnce(CapturedOutput output) {
		AdminLoginFailureLogger logger = new AdminLoginFailureLogger();
		for (int i = 0; i < 50; i++) {
			logger.onFailure(new AuthenticationFailureBadCredentialsEvent(
					UsernamePasswordAuthenticationToken.unauthenticated("flooder-" + i, "pw"),
					new BadCredentialsException("Bad credentials")));
		}
		assertThat(output.getOut().lines().filter((line) -> line.contains("Failed admin login for 'flooder-")))
			.hasSizeBetween(10, 12);
		assertThat(output).contains("Failed admin login for 'flooder-0' from unknown: Bad credentials");
	}

	@Test
	void controlCharactersInAUserNameCannotForgeLogLines() {
		assertThat(AdminLoginFailureLogger.printable("evil\n2026 WARN forged"))
			.isEqualTo("evil\\u000a2026 WARN forged");
	}

}
