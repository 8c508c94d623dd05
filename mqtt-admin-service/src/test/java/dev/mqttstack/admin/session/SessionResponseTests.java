package dev.mqttstack.admin.session;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mqttstack.broker.SessionInfo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a session reads in the API: its user name is the user it belongs to, known for an
 * offline session restored at start too.
 */
class SessionResponseTests {

	@Test
	void anOfflineRestoredSessionShowsTheUserItBelongsTo() {
		SessionInfo restored = new SessionInfo("dev-1", false, List.of("sensors/owner-1/#"), 1, 5, 1, -1, null, null,
				Instant.parse("2026-12-07T01:00:00Z"), List.of(), "owner-1");

		assertThat(SessionResponse.summary(restored).username()).isEqualTo("owner-1");
		assertThat(SessionResponse.details(restored).username()).isEqualTo("owner-1");
		assertThat(SessionResponse.summary(restored).peerAddress()).isNull();
	}

}
