/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.connection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests of {@link MqttBrokerUrl}.
 */
class MqttBrokerUrlTests {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "mqtt://broker:1884, tcp://broker:1884", "mqtt://broker, tcp://broker:1883",
			"MQTTS://broker, ssl://broker:8883", "tcp://10.0.0.1:1883, tcp://10.0.0.1:1883",
			"ssl://broker:8884, ssl://broker:8884", "ws://broker:8080/mqtt, ws://broker:8080/mqtt",
			"wss://broker/mqtt, wss://broker:443/mqtt", "mqtt://[::1]:1883, tcp://[::1]:1883" })
	void userSchemesAreMappedToTheClientLibrarySchemes(String url, String clientUrl) {
		assertThat(MqttBrokerUrl.parse(url).toClientUrl()).isEqualTo(clientUrl);
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|',
			value = { "http://broker:1883|the scheme must be", "broker:1883|the scheme must be",
					"localhost|the scheme must be", "mqtt://:1883|it names no host",
					"mqtt://broker:1883/path|a path is only", "mqtt://bro ker|it is not a URL" })
	void invalidUrlIsRefusedWithTheReason(String url, String reason) {
		assertThatIllegalArgumentException().isThrownBy(() -> MqttBrokerUrl.parse(url)).withMessageContaining(reason);
	}

	@Test
	void urlIsBuiltFromHostPortAndTransport() {
		assertThat(MqttBrokerUrl.of("broker", 0, false, false)).hasToString("mqtt://broker:1883");
		assertThat(MqttBrokerUrl.of("broker", 0, false, true)).hasToString("mqtts://broker:8883");
		assertThat(MqttBrokerUrl.of("broker", 9001, true, false)).hasToString("ws://broker:9001");
		assertThat(MqttBrokerUrl.of("broker", 0, true, true).isSecure()).isTrue();
	}

}
