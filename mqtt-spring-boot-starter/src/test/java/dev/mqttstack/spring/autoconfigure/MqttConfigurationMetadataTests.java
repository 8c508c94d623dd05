/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.autoconfigure;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import dev.mqttstack.spring.connection.MqttBrokerUrl;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the configuration metadata the build generates (what IDEs read): the value
 * hints for QoS, protocol version and URL schemes are merged in, and name properties that
 * exist.
 */
class MqttConfigurationMetadataTests {

	private final JsonNode metadata = read();

	private static JsonNode read() {
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			return JsonMapper.builder().build().readTree(in);
		}
		catch (Exception ex) {
			throw new IllegalStateException("The build generated no configuration metadata", ex);
		}
	}

	private List<String> hintValues(String property) {
		List<String> values = new ArrayList<>();
		for (JsonNode hint : this.metadata.get("hints")) {
			if (hint.get("name").asString().equals(property)) {
				hint.get("values").forEach((value) -> values.add(value.get("value").asString()));
			}
		}
		return values;
	}

	@Test
	void qosPropertiesHintZeroOneAndTwo() {
		for (String property : List.of("mqtt.template.default-qos", "mqtt.listener.qos", "mqtt.will.qos")) {
			assertThat(hintValues(property)).as(property).containsExactly("0", "1", "2");
		}
	}

	@Test
	void protocolVersionHintsFiveAndThree() {
		assertThat(hintValues("mqtt.protocol-version")).containsExactly("5", "3");
	}

	@Test
	void urlHintsEverySupportedScheme() {
		assertThat(hintValues("mqtt.url")).extracting((url) -> url.substring(0, url.indexOf("://")))
			.containsExactlyInAnyOrder("tcp", "mqtt", "ssl", "mqtts", "ws", "wss");
	}

	@Test
	void everyHintedUrlIsAcceptedAndTheUrlHasNoDefault() {
		assertThat(hintValues("mqtt.url")).allSatisfy((url) -> assertThat(MqttBrokerUrl.parse(url)).isNotNull());
		for (JsonNode property : this.metadata.get("properties")) {
			if (property.get("name").asString().equals("mqtt.url")) {
				assertThat(property.has("defaultValue")).as("mqtt.url has a default").isFalse();
			}
		}
	}

	@Test
	void portHintsAreTheDefaultPortsWithAndWithoutTls() {
		assertThat(hintValues("mqtt.port")).containsExactly(String.valueOf(MqttBrokerUrl.parse("mqtt://broker").port()),
				String.valueOf(MqttBrokerUrl.parse("mqtts://broker").port()));
	}

	@Test
	void everyHintNamesAGeneratedProperty() {
		List<String> properties = new ArrayList<>();
		this.metadata.get("properties").forEach((property) -> properties.add(property.get("name").asString()));
		this.metadata.get("hints")
			.forEach((hint) -> assertThat(properties).as("hinted property").contains(hint.get("name").asString()));
	}

	@Test
	void observationSwitchesAreDocumentedAndOffByDefault() {
		for (JsonNode property : this.metadata.get("properties")) {
			String name = property.get("name").asString();
			if (name.endsWith(".observation-enabled")) {
				assertThat(property.get("description").asString()).as(name).contains("Micrometer");
				assertThat(property.get("defaultValue").asBoolean()).as(name).isFalse();
			}
		}
		assertThat(this.metadata.get("properties").toString()).contains("mqtt.template.observation-enabled",
				"mqtt.listener.observation-enabled");
	}

}
