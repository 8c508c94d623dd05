package dev.mqttstack.broker.subscription;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TopicFilterTests {

	@ParameterizedTest
	@ValueSource(
			strings = { "a", "a/b", "/", "a//b", "+", "#", "a/+", "a/#", "+/+", "+/b/#", "$SYS/#", "sport/+/player1" })
	void validFiltersAreAccepted(String filter) {
		assertThat(TopicFilter.isValidFilter(filter)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "a#", "a/#/b", "#/a", "a+", "a/b+", "+a", "a/\u0000", "a/\uD800" })
	void invalidFiltersAreRejected(String filter) {
		assertThat(TopicFilter.isValidFilter(filter)).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> TopicFilter.parse(filter));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "a/+", "a/#", "+", "a\u0000b", "bad\uFFFDutf8", "lone\uDC00" })
	void invalidTopicNamesAreRejected(String topic) {
		assertThat(TopicFilter.isValidTopicName(topic)).isFalse();
	}

	@Test
	void utf8TopicNamesAreValid() {
		assertThat(TopicFilter.isValidTopicName("传感器/温度")).isTrue();
		assertThat(TopicFilter.isValidTopicName("emoji/\uD83D\uDE00")).isTrue();
	}

	@ParameterizedTest
	@CsvSource({ "a/b, a/b, true", "a/+, a/b, true", "a/+, a/b/c, false", "a/#, a, true", "a/#, a/b/c, true",
			"#, a/b, true", "+/+, /x, true", "+, /x, false", "a/+/c, a//c, true", "$SYS/#, $SYS/broker/uptime, true",
			"#, $SYS/broker, false", "+/broker, $SYS/broker, false", "a/b, a/b/c, false", "a/b/c, a/b, false" })
	void matchesFollowTheSpecification(String filter, String topic, boolean expected) {
		assertThat(TopicFilter.parse(filter).matches(topic)).isEqualTo(expected);
	}

	@Test
	void levelsKeepEmptyLevels() {
		assertThat(TopicFilter.levels("/a//b/")).containsExactly("", "a", "", "b", "");
	}

}
