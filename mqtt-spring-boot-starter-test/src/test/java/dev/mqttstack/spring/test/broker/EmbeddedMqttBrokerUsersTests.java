/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.test.broker;

import java.nio.charset.StandardCharsets;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import dev.mqttstack.spring.test.inbox.MqttTestInbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of {@link EmbeddedMqttBroker#users()}: passwords and allow rules, checked with a
 * real HiveMQ client.
 */
@ExtendWith(EmbeddedMqttBrokerExtension.class)
@EmbeddedMqttBroker(users = { @EmbeddedMqttBroker.User(name = "observer", password = "observer-pw"),
		@EmbeddedMqttBroker.User(name = "device", password = "device-pw", allow = "sensors/#") })
class EmbeddedMqttBrokerUsersTests {

	@InjectMqttBroker
	EmbeddedMqttBrokerServer server;

	private Mqtt5BlockingClient client(String username, String password) {
		var builder = Mqtt5Client.builder().serverHost(this.server.getHost()).serverPort(this.server.getPort());
		if (username != null) {
			builder.simpleAuth()
				.username(username)
				.password(password.getBytes(StandardCharsets.UTF_8))
				.applySimpleAuth();
		}
		return builder.buildBlocking();
	}

	private static void publish(Mqtt5BlockingClient client, String topic, String payload) {
		client.publishWith()
			.topic(topic)
			.qos(MqttQos.AT_LEAST_ONCE)
			.payload(payload.getBytes(StandardCharsets.UTF_8))
			.send();
	}

	@Test
	void wrongPasswordIsRefused() {
		assertThatExceptionOfType(Mqtt5ConnAckException.class).isThrownBy(() -> client("device", "guess").connect())
			.satisfies((ex) -> assertThat(ex.getMqttMessage().getReasonCode())
				.isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD));
	}

	@Test
	void clientWithoutCredentialsIsRefused() {
		assertThatExceptionOfType(Mqtt5ConnAckException.class).isThrownBy(() -> client(null, null).connect())
			.satisfies((ex) -> assertThat(ex.getMqttMessage().getReasonCode())
				.isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED));
	}

	@Test
	void inboxLogsInAsTheFirstUser() {
		assertThat(this.server.getUsername()).isEqualTo("observer");
		try (MqttTestInbox inbox = MqttTestInbox.subscribe(this.server, "#")) {
			Mqtt5BlockingClient device = client("device", "device-pw");
			device.connect();
			try {
				publish(device, "sensors/t1", "21.5");
			}
			finally {
				device.disconnect();
			}
			assertThat(inbox.awaitMessage("sensors/t1").payloadAsString()).isEqualTo("21.5");
		}
	}

	@Test
	void userPublishesOnlyWithinItsAllowedTopics() {
		try (MqttTestInbox inbox = MqttTestInbox.subscribe(this.server, "#")) {
			Mqtt5BlockingClient device = client("device", "device-pw");
			device.connect();
			try {
				assertThatExceptionOfType(Mqtt5PubAckException.class)
					.isThrownBy(() -> publish(device, "alerts/forbidden", "no"))
					.satisfies((ex) -> assertThat(ex.getMqttMessage().getReasonCode())
						.isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED));
				publish(device, "sensors/allowed", "yes");
			}
			finally {
				device.disconnect();
			}
			inbox.awaitMessage("sensors/allowed");
			assertThat(inbox.getMessages()).extracting((message) -> message.topic()).containsExactly("sensors/allowed");
		}
	}

	@Test
	void userSubscribesOnlyWithinItsAllowedTopics() {
		Mqtt5BlockingClient device = client("device", "device-pw");
		device.connect();
		try {
			device.subscribeWith().topicFilter("sensors/+/temperature").qos(MqttQos.AT_LEAST_ONCE).send();
			assertThatExceptionOfType(Mqtt5SubAckException.class)
				.isThrownBy(() -> device.subscribeWith().topicFilter("#").qos(MqttQos.AT_LEAST_ONCE).send());
			assertThatExceptionOfType(Mqtt5SubAckException.class)
				.isThrownBy(() -> device.subscribeWith().topicFilter("alerts/+").qos(MqttQos.AT_LEAST_ONCE).send());
		}
		finally {
			device.disconnect();
		}
	}

}
