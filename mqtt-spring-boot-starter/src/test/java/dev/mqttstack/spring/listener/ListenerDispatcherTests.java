/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.listener;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mqttstack.spring.support.MqttHeaders;
import org.junit.jupiter.api.Test;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of {@link ListenerDispatcher}: the hand-off never waits, runs at most
 * {@code concurrency} messages at once, drops only QoS 0 beyond the capacity.
 */
class ListenerDispatcherTests {

	private final CountDownLatch release = new CountDownLatch(1);

	private final List<String> processed = new CopyOnWriteArrayList<>();

	private final AtomicInteger running = new AtomicInteger();

	private final AtomicInteger maxRunning = new AtomicInteger();

	private final ListenerDispatcher dispatcher = new ListenerDispatcher("test", new SimpleAsyncTaskExecutor("t-"), 2,
			3, (delivery) -> {
				this.maxRunning.accumulateAndGet(this.running.incrementAndGet(), Math::max);
				try {
					this.release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				this.processed.add((String) delivery.message().getHeaders().get("name"));
				this.running.decrementAndGet();
				delivery.acknowledgment().run();
			});

	@Test
	void offerNeverWaitsAndOnlyQos0BeyondTheCapacityIsDropped() {
		AtomicInteger acknowledged = new AtomicInteger();
		for (int i = 0; i < 2; i++) {
			assertThat(this.dispatcher.offer(delivery("busy" + i, 1, acknowledged))).isTrue();
		}
		await().untilAsserted(() -> assertThat(this.dispatcher.getActiveCount()).isEqualTo(2));
		for (int i = 0; i < 3; i++) {
			assertThat(this.dispatcher.offer(delivery("queued" + i, 0, acknowledged))).isTrue();
		}
		assertThat(this.dispatcher.offer(delivery("dropped", 0, acknowledged))).isFalse();
		assertThat(this.dispatcher.offer(delivery("kept", 1, acknowledged))).isTrue();
		assertThat(this.dispatcher.getQueueDepth()).isEqualTo(4);
		assertThat(this.dispatcher.getDroppedCount()).isOne();
		this.release.countDown();
		await().untilAsserted(() -> assertThat(this.processed).hasSize(6));
		assertThat(this.processed).doesNotContain("dropped").contains("kept");
		assertThat(acknowledged).hasValue(6);
		assertThat(this.maxRunning).hasValue(2);
		assertThat(this.dispatcher.shutdown(1000)).isTrue();
	}

	@Test
	void stoppedDispatcherRefusesMessagesAndLeavesThemUnacknowledged() {
		this.release.countDown();
		assertThat(this.dispatcher.shutdown(1000)).isTrue();
		AtomicInteger acknowledged = new AtomicInteger();
		assertThat(this.dispatcher.offer(delivery("late", 1, acknowledged))).isFalse();
		assertThat(acknowledged).hasValue(0);
	}

	private static ListenerDispatcher.Delivery delivery(String name, int qos, AtomicInteger acknowledged) {
		Message<byte[]> message = MessageBuilder.withPayload(new byte[0])
			.setHeader("name", name)
			.setHeader(MqttHeaders.RECEIVED_QOS, qos)
			.build();
		return ListenerDispatcher.Delivery.of(message, acknowledged::incrementAndGet);
	}

}
