package dev.mqttstack.broker.protocol;

import java.util.List;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import org.junit.jupiter.api.Test;

import dev.mqttstack.broker.message.MessageProperties;
import dev.mqttstack.broker.message.MessageProperties.UserProperty;

import static org.assertj.core.api.Assertions.assertThat;

class MessagePropertiesMapperTests {

	@Test
	void userPropertiesAloneAreReadThoughNettyCallsSuchPropertiesEmpty() {
		MqttProperties wire = new MqttProperties();
		wire.add(new MqttProperties.UserProperty("k", "v"));
		wire.add(new MqttProperties.UserProperty("k", "w"));
		wire.add(new MqttProperties.UserProperty("a", "b"));
		assertThat(wire.isEmpty()).as("netty's own view, the cause of the defect").isTrue();
		assertThat(MessagePropertiesMapper.fromWire(wire).userProperties()).containsExactly(new UserProperty("k", "v"),
				new UserProperty("k", "w"), new UserProperty("a", "b"));
	}

	@Test
	void noPropertiesReadAsTheEmptySet() {
		assertThat(MessagePropertiesMapper.fromWire(new MqttProperties())).isSameAs(MessageProperties.EMPTY);
		assertThat(MessagePropertiesMapper.fromWire(null)).isSameAs(MessageProperties.EMPTY);
	}

	@Test
	void aSubscriptionIdentifierAloneCarriesNoMessageProperty() {
		MqttProperties wire = new MqttProperties();
		wire.add(new MqttProperties.IntegerProperty(MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value(), 3));
		MessageProperties read = MessagePropertiesMapper.fromWire(wire);
		assertThat(read.userProperties()).isEqualTo(List.of());
		assertThat(read.contentType()).isNull();
	}

}
