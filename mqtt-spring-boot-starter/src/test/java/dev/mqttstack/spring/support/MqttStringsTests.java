/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link MqttStrings}.
 */
class MqttStringsTests {

	@Test
	void lineBreaksAndControlCharactersBecomeOneSpace() {
		assertThat(MqttStrings.sanitize("Unexpected token\n at [Source: x;\r\n line: 1]\u0000\u0085end", 100))
			.isEqualTo("Unexpected token at [Source: x; line: 1] end");
	}

	@Test
	void longTextIsCutWithAnEllipsis() {
		String sanitized = MqttStrings.sanitize("x".repeat(1000), 256);
		assertThat(sanitized).hasSize(256).endsWith("\u2026");
		assertThat(MqttStrings.indexOfForbidden(sanitized)).isEqualTo(-1);
	}

	@Test
	void surrogatePairsAreKeptAndUnpairedOnesRemoved() {
		assertThat(MqttStrings.sanitize("a\uD83D\uDE00b\uD800c", 100)).isEqualTo("a\uD83D\uDE00b c");
		assertThat(MqttStrings.indexOfForbidden("a\uD83D\uDE00b")).isEqualTo(-1);
		assertThat(MqttStrings.indexOfForbidden("ab\uDC00")).isEqualTo(2);
		assertThat(MqttStrings.indexOfForbidden("line\nbreak")).isEqualTo(4);
	}

}
