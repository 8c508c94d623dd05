/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.support;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.messaging.converter.MessageConversionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MqttPayloadConverter}.
 */
class MqttPayloadConverterTests {

	private final MqttPayloadConverter converter = new MqttPayloadConverter(JsonMapper.builder().build());

	@Test
	void bytesAreSentRaw() {
		byte[] bytes = { 1, 2, 3 };
		assertThat(this.converter.toBytes(bytes)).isSameAs(bytes);
	}

	@Test
	void stringIsUtf8() {
		assertThat(this.converter.toBytes("é")).isEqualTo("é".getBytes(StandardCharsets.UTF_8));
		assertThat(this.converter.fromBytes("é".getBytes(StandardCharsets.UTF_8), String.class)).isEqualTo("é");
	}

	@Test
	void recordRoundTripsAsJson() {
		byte[] json = this.converter.toBytes(new Reading("d1", 2.5));
		assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"device\":\"d1\",\"value\":2.5}");
		assertThat(this.converter.fromBytes(json, Reading.class)).isEqualTo(new Reading("d1", 2.5));
	}

	@Test
	void genericTypeIsHonoured() {
		byte[] json = "[{\"device\":\"d1\",\"value\":1.0}]".getBytes(StandardCharsets.UTF_8);
		Object list = this.converter.fromBytes(json, new ParameterizedTypeReference<List<Reading>>() {
		}.getType());
		assertThat(list).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.containsExactly(new Reading("d1", 1.0));
	}

	@Test
	void malformedJsonFailsWithConversionException() {
		assertThatExceptionOfType(MessageConversionException.class)
			.isThrownBy(() -> this.converter.fromBytes("{".getBytes(StandardCharsets.UTF_8), Reading.class))
			.withMessageContaining("Reading");
	}

	record Reading(String device, double value) {
	}

}
