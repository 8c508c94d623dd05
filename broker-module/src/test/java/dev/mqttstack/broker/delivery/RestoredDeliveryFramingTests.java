package dev.mqttstack.broker.delivery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.delivery.FramingSubscriber.Publish;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.store.InMemorySessionStore;
import dev.mqttstack.broker.testsupport.TestBrokers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The byte streams of many subscribers of the same messages, read with no codec by
 * {@link FramingSubscriber}: QoS 0, 1 and 2, MQTT 3.1.1 and 5, payloads on both sides of
 * the size where the form shared by all subscribers stops being copied, sockets left
 * unread until the broker's buffers fill (so writes end mid-packet), and a broker restart
 * that restores persistent sessions from their store and sends the unacknowledged
 * messages again with DUP before the queued ones. Every packet of every stream must start
 * where the previous one ended and carry exactly the bytes published: a PUBLISH read from
 * a wrong offset shows up as an invalid QoS or type, or a payload that was never sent.
 */
class RestoredDeliveryFramingTests {

	private static final String TOPIC = "framing/restored";

	private static final int SUBSCRIBERS = 16;

	private static final int MESSAGES = 1200;

	private static final int INFLIGHT = 300;

	private final InMemorySessionStore store = new InMemorySessionStore();

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void closeEverything() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	@Test
	@Timeout(value = 2, unit = TimeUnit.MINUTES)
	void everyPublishOfManySubscribersIsFramedByteForByteBeforeAndAfterARestoringRestart() {
		MqttBroker first = start();
		List<FramingSubscriber> subscribers = new ArrayList<>();
		for (int i = 0; i < SUBSCRIBERS; i++) {
			FramingSubscriber subscriber = open(first, i);
			assertThat(subscriber.sessionPresent()).isFalse();
			warmUp(first, subscriber, i);
			subscriber.subscribe(TOPIC, qos(i));
			subscribers.add(subscriber);
		}
		for (int i = 0; i < MESSAGES; i++) {
			assertThat(first.publish(Message.of(TOPIC, payload(i), 2, false))).isEqualTo(SUBSCRIBERS);
		}
		List<List<Integer>> packetIds = new ArrayList<>();
		for (int s = 0; s < SUBSCRIBERS; s++) {
			List<Integer> ids = new ArrayList<>();
			for (int i = 0; i < INFLIGHT; i++) {
				Publish publish = subscribers.get(s).next(false);
				assertPublish(publish, s, i, false);
				ids.add(publish.packetId());
			}
			assertThat(ids).as("packet ids in flight to subscriber %d", s).doesNotHaveDuplicates();
			packetIds.add(ids);
			subscribers.get(s).close();
		}
		first.stop();

		MqttBroker restarted = start();
		for (int s = 0; s < SUBSCRIBERS; s++) {
			FramingSubscriber subscriber = open(restarted, s);
			assertThat(subscriber.sessionPresent()).isTrue();
			for (int i = 0; i < MESSAGES; i++) {
				Publish publish = subscriber.next(true);
				boolean redelivery = i < INFLIGHT;
				assertPublish(publish, s, i, redelivery);
				if (redelivery) {
					assertThat(publish.packetId()).as("packet id of redelivered message %d", i)
						.isEqualTo(packetIds.get(s).get(i));
				}
			}
		}
	}

	@Test
	@Timeout(value = 2, unit = TimeUnit.MINUTES)
	void qos0PublishesSharedByManySubscribersThatReadLateAreFramedByteForByte() {
		MqttBroker broker = start();
		List<FramingSubscriber> subscribers = new ArrayList<>();
		for (int i = 0; i < SUBSCRIBERS; i++) {
			FramingSubscriber subscriber = open(broker, i);
			subscriber.subscribe(TOPIC, 0);
			subscribers.add(subscriber);
		}
		// megabytes per subscriber, unread: the sockets fill and writes end mid-packet
		for (int i = 0; i < MESSAGES; i++) {
			assertThat(broker.publish(Message.of(TOPIC, payload(i), 0, false))).isEqualTo(SUBSCRIBERS);
		}
		for (int s = 0; s < SUBSCRIBERS; s++) {
			for (int i = 0; i < MESSAGES; i++) {
				Publish publish = subscribers.get(s).next(false);
				String description = "subscriber " + s + ", message " + i;
				assertThat(publish.qos()).as(description).isZero();
				assertThat(publish.topic()).as(description).isEqualTo(TOPIC);
				assertThat(new String(publish.payload(), StandardCharsets.US_ASCII)).as(description)
					.isEqualTo(new String(payload(i), StandardCharsets.US_ASCII));
			}
		}
	}

	/**
	 * Sends subscriber {@code index} that many acknowledged messages of its own first, so
	 * that no two subscribers number the shared messages with the same packet ids: a
	 * packet id written into the form they share would then show.
	 */
	private static void warmUp(MqttBroker broker, FramingSubscriber subscriber, int index) {
		String topic = "framing/warm-up/" + index;
		subscriber.subscribe(topic, 1);
		for (int i = 0; i < index; i++) {
			broker.publish(Message.of(topic, payload(i), 1, false));
			assertThat(subscriber.next(true).payload()).isEqualTo(payload(i));
		}
	}

	private MqttBroker start() {
		MqttBroker broker = TestBrokers.builder()
			.sessionStore(this.store)
			.maxInflight(INFLIGHT)
			.maxQueuedMessages(10 * MESSAGES)
			.maxQueuedBytes(256L * 1024 * 1024)
			.build();
		broker.start();
		this.resources.add(broker::stop);
		return broker;
	}

	private FramingSubscriber open(MqttBroker broker, int subscriber) {
		FramingSubscriber client = FramingSubscriber.connect(broker.port(), "framing-" + subscriber,
				subscriber % 2 == 1);
		this.resources.add(client);
		return client;
	}

	private static int qos(int subscriber) {
		return 1 + (subscriber / 2) % 2;
	}

	private static void assertPublish(Publish publish, int subscriber, int index, boolean dup) {
		String description = "subscriber " + subscriber + ", message " + index;
		assertThat(publish.qos()).as(description).isEqualTo(qos(subscriber));
		assertThat(publish.dup()).as(description).isEqualTo(dup);
		assertThat(publish.topic()).as(description).isEqualTo(TOPIC);
		// as text: a payload that was never sent reads as one in the failure
		assertThat(new String(publish.payload(), StandardCharsets.US_ASCII)).as(description)
			.isEqualTo(new String(payload(index), StandardCharsets.US_ASCII));
	}

	/**
	 * The payload of message {@code index}: its number, then digits up to a length that
	 * varies from 6 bytes to almost 3 KB, so that a frame read from the wrong offset
	 * starts with bytes like {@code '6'} (a PUBLISH with QoS 3).
	 */
	private static byte[] payload(int index) {
		String head = "m-" + index + "-";
		int length = head.length() + (index * 389) % 2900;
		byte[] payload = new byte[length];
		byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(headBytes, 0, payload, 0, headBytes.length);
		for (int i = headBytes.length; i < length; i++) {
			payload[i] = (byte) ('0' + (index + i) % 10);
		}
		return payload;
	}

}
