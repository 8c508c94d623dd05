package dev.mqttstack.broker.handler;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.event.BrokerEvents;
import dev.mqttstack.broker.event.DropReason;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.security.Authorizer;
import dev.mqttstack.broker.testsupport.BrokerExtension;
import dev.mqttstack.broker.testsupport.Inbox;
import dev.mqttstack.broker.testsupport.RawMqttClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The will is authorised when it is published, like every publication: a deny rule added
 * after CONNECT stops it, reported as a dropped message.
 */
class WillAuthorizationTests {

	private final Set<String> deniedTopics = ConcurrentHashMap.newKeySet();

	private final List<String> drops = new CopyOnWriteArrayList<>();

	private final Inbox wills = new Inbox();

	@RegisterExtension
	final BrokerExtension brokerExtension = BrokerExtension
		.withConfig((builder) -> builder.authorizer(new Authorizer() {
			@Override
			public boolean canPublish(ClientInfo client, String topic, int qos, boolean retain) {
				return !WillAuthorizationTests.this.deniedTopics.contains(topic);
			}
		}).events(new BrokerEvents() {
			@Override
			public void messageDropped(String clientId, Message message, DropReason reason) {
				WillAuthorizationTests.this.drops.add(clientId + " " + message.topic() + " " + reason);
			}
		}));

	private MqttBroker broker;

	private MqttClient watcher;

	@BeforeEach
	void start() throws MqttException {
		this.broker = this.brokerExtension.broker();
		this.watcher = this.brokerExtension.paho("watcher");
		this.watcher.subscribe("will/#", 1, this.wills);
	}

	@Test
	void aWillDeniedAfterConnectIsNotPublishedAndIsReported() {
		try (RawMqttClient raw = connectedWithWill("doomed", "will/doomed")) {
			this.deniedTopics.add("will/doomed");
		}
		await().until(() -> this.drops.contains("doomed will/doomed PUBLISH_NOT_AUTHORIZED"));
		try (RawMqttClient raw = connectedWithWill("allowed", "will/allowed")) {
			// ends abnormally: its will goes out
		}
		assertThat(this.wills.awaitCount(1)).extracting(Inbox.Received::topic).containsExactly("will/allowed");
	}

	@Test
	void aWillStillAllowedIsPublished() {
		try (RawMqttClient raw = connectedWithWill("kept", "will/kept")) {
			this.deniedTopics.add("will/other");
		}
		assertThat(this.wills.awaitCount(1)).extracting(Inbox.Received::text).containsExactly("kept went away");
		assertThat(this.drops).isEmpty();
	}

	private RawMqttClient connectedWithWill(String clientId, String willTopic) {
		RawMqttClient raw = new RawMqttClient(this.broker.port());
		raw.send(MqttMessageBuilders.connect()
			.clientId(clientId)
			.cleanSession(true)
			.keepAlive(60)
			.protocolVersion(MqttVersion.MQTT_3_1_1)
			.willFlag(true)
			.willTopic(willTopic)
			.willMessage((clientId + " went away").getBytes(StandardCharsets.UTF_8))
			.willQoS(MqttQoS.AT_LEAST_ONCE)
			.build());
		assertThat(raw.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.CONNACK);
		return raw;
	}

}
