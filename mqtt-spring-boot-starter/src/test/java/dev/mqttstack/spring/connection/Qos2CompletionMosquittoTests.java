/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.connection;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mqttstack.spring.core.MqttTemplate;
import dev.mqttstack.spring.support.MqttPayloadConverter;
import dev.mqttstack.spring.test.MosquittoBroker;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each QoS 2 message the client receives is completed with exactly one PUBCOMP, read from
 * Mosquitto's packet log. Paho's MQTT 5 client answers the broker's PUBREL itself;
 * acknowledging the message manually as well sent a second PUBCOMP, and when the broker
 * had meanwhile reused the packet identifier for a QoS 1 message, Mosquitto closed the
 * connection with a protocol error (seen as a flaky
 * {@code MqttListenerIntegrationTests.errorHandlerResultIsSentAsReply}).
 */
class Qos2CompletionMosquittoTests {

	@RegisterExtension
	static final MosquittoBroker mosquitto = MosquittoBroker.withPacketLog();

	@ParameterizedTest(name = "MQTT protocol version {0}")
	@ValueSource(ints = { 5, 3 })
	void eachReceivedQos2MessageIsCompletedOnce(int protocolVersion) {
		String clientId = "qos2-completion-v" + protocolVersion;
		MqttClientSettings settings = new MqttClientSettings();
		settings.setUrl(mosquitto.getUrl());
		settings.setClientId(clientId);
		settings.setProtocolVersion(protocolVersion);
		MqttClientConnection connection = MqttClientConnections.create(settings, null);
		connection.start();
		try {
			await().until(connection::isConnected);
			List<String> received = new CopyOnWriteArrayList<>();
			String topic = "qos2/v" + protocolVersion;
			MqttSubscription subscription = connection.subscribe(new String[] { topic }, new int[] { 2 },
					(message, acknowledgment) -> {
						received.add(new String(message.getPayload()));
						acknowledgment.run();
					});
			subscription.start();
			MqttTemplate template = new MqttTemplate(connection,
					new MqttPayloadConverter(JsonMapper.builder().build()));
			for (int i = 0; i < 5; i++) {
				template.send(topic, "m" + i, 2, false).join();
			}
			await().untilAsserted(() -> assertThat(received).hasSize(5));
			await().during(Duration.ofMillis(500))
				.atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(pubcompsReceivedFrom(clientId)).isEqualTo(5));
			assertThat(connection.isConnected()).isTrue();
			subscription.close();
		}
		finally {
			connection.stop();
		}
	}

	private static int pubcompsReceivedFrom(String clientId) {
		Matcher matcher = Pattern.compile("Received PUBCOMP from " + Pattern.quote(clientId) + " ")
			.matcher(mosquitto.getLog());
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

}
