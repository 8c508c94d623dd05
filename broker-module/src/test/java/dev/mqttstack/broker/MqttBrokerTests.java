package dev.mqttstack.broker;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;

import dev.mqttstack.broker.testsupport.Inbox;
import dev.mqttstack.broker.testsupport.PahoClients;
import dev.mqttstack.broker.testsupport.TestBrokers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class MqttBrokerTests {

	@Test
	void portZeroPicksAFreePortAndStopReleasesIt() throws Exception {
		MqttBroker broker = TestBrokers.started();
		int port = broker.port();
		assertThat(port).isPositive();
		assertThat(broker.isRunning()).isTrue();
		broker.stop();
		assertThat(broker.isRunning()).isFalse();
		assertThatIllegalStateException().isThrownBy(broker::port);
		// nothing listens there any more (binding the port again would race with the
		// ephemeral ports other tests' connections take)
		assertThatExceptionOfType(java.net.ConnectException.class)
			.isThrownBy(() -> new java.net.Socket("127.0.0.1", port).close());
	}

	@Test
	void startingTwiceFailsAndStoppingTwiceIsHarmless() {
		MqttBroker broker = TestBrokers.started();
		try {
			assertThatIllegalStateException().isThrownBy(broker::start);
		}
		finally {
			broker.stop();
			broker.stop();
		}
	}

	@Test
	void aStoppedBrokerCanStartAgain() throws MqttException {
		MqttBroker broker = TestBrokers.started();
		broker.stop();
		broker.start();
		MqttClient client = PahoClients.connect(broker, "again");
		try {
			assertThat(client.isConnected()).isTrue();
		}
		finally {
			PahoClients.closeQuietly(client);
			broker.stop();
		}
	}

	@Test
	void aBusyPortFailsStartWithTheAddress() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
			MqttBroker broker = TestBrokers.builder().port(taken.getLocalPort()).build();
			assertThatExceptionOfType(RuntimeException.class).isThrownBy(broker::start)
				.withMessageContaining(Integer.toString(taken.getLocalPort()));
			assertThat(broker.isRunning()).isFalse();
		}
	}

	@Test
	void settingsOutOfRangeAreRejectedAtBuild() {
		assertThatIllegalArgumentException().isThrownBy(() -> MqttBroker.builder().port(70000).build());
		assertThatIllegalArgumentException().isThrownBy(() -> MqttBroker.builder().maxInflight(0).build());
		assertThatIllegalArgumentException().isThrownBy(() -> MqttBroker.builder().maxPacketSize(10).build());
		assertThatIllegalArgumentException().isThrownBy(() -> MqttBroker.builder().maxQueuedMessages(-1).build());
		assertThat(MqttBroker.builder().build().config()).isEqualTo(BrokerConfig.DEFAULTS);
	}

	@Test
	void stopDisconnectsClientsAndPublishesTheirWills() throws MqttException {
		MqttBroker broker = TestBrokers.started();
		MqttClient client = PahoClients.connect(broker, "leaving");
		broker.stop();
		await().until(() -> !client.isConnected());
		PahoClients.closeQuietly(client);
	}

	@Test
	void sysTopicsReportTheBrokerLikeMosquitto() throws MqttException {
		MqttBroker broker = TestBrokers.builder().sysInterval(Duration.ofMillis(200)).build();
		broker.start();
		MqttClient client = PahoClients.connect(broker, "sys-reader");
		try {
			client.publish("counted", "x".getBytes(StandardCharsets.UTF_8), 1, false);
			Inbox inbox = new Inbox();
			client.subscribe("$SYS/broker/#", 0, inbox);
			await().untilAsserted(() -> {
				Map<String, String> latest = new java.util.HashMap<>();
				inbox.messages().forEach((message) -> latest.put(message.topic(), message.text()));
				assertThat(latest).containsEntry("$SYS/broker/version", "mqtt-stack version " + MqttBroker.VERSION)
					.containsEntry("$SYS/broker/clients/connected", "1")
					.containsEntry("$SYS/broker/messages/received", "1")
					.containsKeys("$SYS/broker/uptime", "$SYS/broker/bytes/received", "$SYS/broker/bytes/sent",
							"$SYS/broker/messages/sent", "$SYS/broker/clients/total", "$SYS/broker/subscriptions/count",
							"$SYS/broker/retained messages/count");
				assertThat(Long.parseLong(latest.get("$SYS/broker/bytes/received"))).isPositive();
			});
			assertThat(MqttBroker.VERSION).isNotEqualTo("unknown");
		}
		finally {
			PahoClients.closeQuietly(client);
			broker.stop();
		}
	}

}
