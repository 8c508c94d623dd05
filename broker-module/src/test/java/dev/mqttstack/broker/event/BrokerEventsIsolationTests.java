package dev.mqttstack.broker.event;

import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.ReasonCode;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.testsupport.Inbox;
import dev.mqttstack.broker.testsupport.PahoClients;
import dev.mqttstack.broker.testsupport.RecordingEvents;
import dev.mqttstack.broker.testsupport.TestBrokers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * A listener that throws cannot break the broker: connect, subscribe, publish and
 * disconnect work with it, alone or beside others, and the other listeners still hear
 * every event.
 */
class BrokerEventsIsolationTests {

	@ParameterizedTest(name = "beside another listener: {0}")
	@ValueSource(booleans = { false, true })
	void aThrowingListenerDoesNotBreakConnectSubscribeOrPublish(boolean withAnother) throws MqttException {
		Throwing throwing = new Throwing();
		RecordingEvents recording = new RecordingEvents();
		MqttBroker.Builder builder = TestBrokers.builder().events(throwing);
		if (withAnother) {
			builder.events(recording);
		}
		MqttBroker broker = builder.build();
		broker.start();
		MqttClient reader = null;
		MqttClient writer = null;
		try {
			reader = PahoClients.connect(broker, "reader");
			Inbox inbox = new Inbox();
			reader.subscribe("t/#", 1, inbox);
			writer = PahoClients.connect(broker, "writer");
			writer.publish("t/1", "hello".getBytes(), 1, false);
			assertThat(inbox.awaitCount(1)).extracting(Inbox.Received::text).containsExactly("hello");
			assertThat(broker.session("reader")).as("the session exists").isPresent();
			assertThat(throwing.calls.get()).as("the listener was called, and threw").isGreaterThanOrEqualTo(3);
			if (withAnother) {
				assertThat(recording.awaitConnected("reader").sessionPresent()).isFalse();
				assertThat(recording.awaitSubscribed("reader", "t/#").grantedQos()).isEqualTo(1);
			}
			writer.disconnect();
		}
		finally {
			PahoClients.closeQuietly(reader, writer);
			broker.stop();
		}
	}

	@Test
	void everyKindOfEventIsIsolated() {
		Throwing throwing = new Throwing();
		RecordingEvents recording = new RecordingEvents();
		BrokerEvents events = BrokerEvents.composite(List.of(throwing, recording));
		assertThatNoException().isThrownBy(() -> {
			events.clientConnected(null, false);
			events.connectionRefused("c", "u", null, ReasonCode.NOT_AUTHORIZED);
			events.clientDisconnected(null, DisconnectReason.CLIENT_DISCONNECTED);
			events.subscribed(null, "f", 0);
			events.unsubscribed(null, "f");
			events.messageDropped("c", Message.of("t", "x", 0, false), DropReason.EXPIRED);
			events.messagePublished(Message.of("t", "x", 0, false));
			events.limitReached(Limit.MAX_CONNECTIONS, "c", null);
			events.limitReached(Limit.MAX_CONNECTIONS, "c", null);
		});
		assertThat(throwing.calls.get()).isEqualTo(9);
	}

	/** Throws from every event. */
	static final class Throwing implements BrokerEvents {

		final AtomicInteger calls = new AtomicInteger();

		private void fail() {
			this.calls.incrementAndGet();
			throw new IllegalStateException("listener bug");
		}

		@Override
		public void clientConnected(ClientInfo client, boolean sessionPresent) {
			fail();
		}

		@Override
		public void connectionRefused(String clientId, String username, SocketAddress remoteAddress,
				ReasonCode reasonCode) {
			fail();
		}

		@Override
		public void clientDisconnected(ClientInfo client, DisconnectReason reason) {
			fail();
		}

		@Override
		public void subscribed(ClientInfo client, String topicFilter, int grantedQos) {
			fail();
		}

		@Override
		public void unsubscribed(ClientInfo client, String topicFilter) {
			fail();
		}

		@Override
		public void messagePublished(Message message) {
			fail();
		}

		@Override
		public void messageDropped(String clientId, Message message, DropReason reason) {
			fail();
		}

		@Override
		public void limitReached(Limit limit, String clientId, SocketAddress remoteAddress) {
			fail();
		}

	}

}
