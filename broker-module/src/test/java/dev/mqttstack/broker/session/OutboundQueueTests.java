package dev.mqttstack.broker.session;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mqttstack.broker.QueueOverflowPolicy;
import dev.mqttstack.broker.event.BrokerEvents;
import dev.mqttstack.broker.event.DropReason;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.store.InMemorySessionStore;
import dev.mqttstack.broker.sys.BrokerMetrics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbound queue on its own: its bounds and overflow policies, each drop reported.
 */
class OutboundQueueTests {

	private final List<String> dropped = new ArrayList<>();

	private final BrokerMetrics metrics = new BrokerMetrics();

	@Test
	void aFullQueueDropsTheNewMessageByDefault() {
		OutboundQueue queue = queue(2, 0, QueueOverflowPolicy.DROP_NEW);
		assertThat(queue.offer(pending("a"))).isEqualTo(OutboundQueue.Offer.QUEUED);
		assertThat(queue.offer(pending("b"))).isEqualTo(OutboundQueue.Offer.QUEUED);
		assertThat(queue.offer(pending("c"))).isEqualTo(OutboundQueue.Offer.DROPPED);
		assertThat(topics(queue)).containsExactly("a", "b");
		assertThat(this.dropped).containsExactly("c QUEUE_FULL");
		assertThat(this.metrics.messagesDropped()).isEqualTo(1);
	}

	@Test
	void dropOldestMakesRoomByDroppingTheOldestMessages() {
		OutboundQueue queue = queue(2, 0, QueueOverflowPolicy.DROP_OLDEST);
		queue.offer(pending("a"));
		queue.offer(pending("b"));
		assertThat(queue.offer(pending("c"))).isEqualTo(OutboundQueue.Offer.QUEUED);
		assertThat(topics(queue)).containsExactly("b", "c");
		assertThat(this.dropped).containsExactly("a QUEUE_FULL");
	}

	@Test
	void disconnectPolicyAsksForTheClientToBeDisconnected() {
		OutboundQueue queue = queue(1, 0, QueueOverflowPolicy.DISCONNECT);
		queue.offer(pending("a"));
		assertThat(queue.offer(pending("b"))).isEqualTo(OutboundQueue.Offer.DISCONNECT);
		assertThat(this.dropped).containsExactly("b QUEUE_FULL");
	}

	@Test
	void queuedPayloadBytesAreBoundedAndCounted() {
		OutboundQueue queue = queue(100, 10, QueueOverflowPolicy.DROP_NEW);
		queue.offer(pending("aaaa"));
		queue.offer(pending("bbbb"));
		assertThat(queue.bytes()).isEqualTo(8);
		assertThat(queue.offer(pending("ccc"))).as("8 + 3 bytes > 10").isEqualTo(OutboundQueue.Offer.DROPPED);
		queue.poll();
		assertThat(queue.bytes()).isEqualTo(4);
	}

	private OutboundQueue queue(int maxMessages, long maxBytes, QueueOverflowPolicy policy) {
		BrokerEvents events = new BrokerEvents() {

			@Override
			public void messageDropped(String clientId, Message message, DropReason reason) {
				OutboundQueueTests.this.dropped.add(message.topic() + " " + reason);
			}

		};
		SessionJournal journal = new SessionJournal("client", new InMemorySessionStore(), new MessageIds());
		return new OutboundQueue(maxMessages, maxBytes, policy, journal,
				new SessionDrops("client", this.metrics, events));
	}

	private static Pending pending(String topic) {
		return new Pending(Message.of(topic, topic, 1, false), 1, false, List.of(), null, 0);
	}

	private static List<String> topics(OutboundQueue queue) {
		List<String> topics = new ArrayList<>();
		queue.messages().forEach((pending) -> topics.add(pending.message().topic()));
		return topics;
	}

}
