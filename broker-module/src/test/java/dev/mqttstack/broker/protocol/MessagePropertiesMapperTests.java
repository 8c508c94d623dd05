package dev.mqttstack.broker.protocol;

import io.netty.handler.codec.mqtt.MqttProperties;
import org.junit.jupiter.api.Test;

import dev.mqttstack.broker.message.MessageProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading the application-message properties of a PUBLISH off the wire.
 */
class MessagePropertiesMapperTests {

	@Test
	void aPublishWhoseOnlyPropertiesAreUserPropertiesKeepsThemInOrder() {
		MqttProperties wire = new MqttProperties();
		wire.add(new MqttProperties.UserProperty("k", "2"));
		wire.add(new MqttProperties.UserProperty("a", "1"));
		wire.add(new MqttProperties.UserProperty("k", "1"));

		MessageProperties read = MessagePropertiesMapper.fromWire(wire);

		assertThat(read.userProperties()).containsExactly(new MessageProperties.UserProperty("k", "2"),
				new MessageProperties.UserProperty("a", "1"), new MessageProperties.UserProperty("k", "1"));
	}

}
