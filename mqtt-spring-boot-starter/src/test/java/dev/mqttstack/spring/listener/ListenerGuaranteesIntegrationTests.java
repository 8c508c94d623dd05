/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.listener;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import dev.mqttstack.spring.annotation.MqttListener;
import dev.mqttstack.spring.event.MqttConnectionLostEvent;
import dev.mqttstack.spring.support.MqttHeaders;
import dev.mqttstack.spring.test.MosquittoBroker;
import dev.mqttstack.spring.test.MosquittoPublisher;
import dev.mqttstack.spring.test.StackBroker;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.Header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of what listeners guarantee across bad payloads, failed recoveries
 * and restarts of the application, against this project's broker and a real Mosquitto,
 * both over MQTT 5, with {@code mosquitto_pub} publishing.
 */
class ListenerGuaranteesIntegrationTests {

	/** Recoveries across the contexts of one test: the first one fails. */
	static final AtomicInteger recoveries = new AtomicInteger();

	@RegisterExtension
	static final StackBroker stack = new StackBroker();

	@RegisterExtension
	static final MosquittoBroker mosquitto = new MosquittoBroker();

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "stack", "mosquitto" })
	void nonJsonPayloadGoesToTheDeadLetterTopicAndTheConnectionStaysUp(String broker) {
		String url = url(broker);
		long connectionThreads = connectionThreads();
		try (ConfigurableApplicationContext context = start(url, "dlt-" + UUID.randomUUID(),
				"mqtt.listener.dead-letter-topic=orders-dlt")) {
			Listeners listeners = context.getBean(Listeners.class);
			MosquittoPublisher.publishLines(url, "orders/eu", 1, List.of("this is not JSON"));
			await().untilAsserted(() -> assertThat(listeners.deadLetters).hasSize(1));
			Message<byte[]> deadLetter = listeners.deadLetters.get(0);
			assertThat(new String(deadLetter.getPayload(), StandardCharsets.UTF_8)).isEqualTo("this is not JSON");
			assertThat(deadLetter.getHeaders()).containsEntry(MqttHeaders.DLT_ORIGINAL_TOPIC, "orders/eu");
			String exception = deadLetter.getHeaders().get(MqttHeaders.DLT_EXCEPTION_MESSAGE, String.class);
			assertThat(exception).isNotBlank()
				.hasSizeLessThanOrEqualTo(DeadLetterPublishingRecoverer.MAX_EXCEPTION_MESSAGE)
				.doesNotContain("\n", "\r", "public void", "ListenerGuaranteesIntegrationTests$Listeners");
			MosquittoPublisher.publishLines(url, "orders/us", 1, List.of("{\"item\":\"book\"}"));
			await().untilAsserted(() -> assertThat(listeners.orders).containsExactly("us:book"));
			assertThat(listeners.connectionLost).isZero();
		}
		await().untilAsserted(() -> assertThat(connectionThreads()).isLessThanOrEqualTo(connectionThreads));
	}

	@ParameterizedTest(name = "{0}, MQTT {1}")
	@CsvSource({ "stack, 5", "mosquitto, 5", "stack, 3", "mosquitto, 3" })
	void persistentSessionReceivesWhatWasPublishedWhileTheApplicationWasDown(String broker, int protocolVersion) {
		String url = url(broker);
		String clientId = "persistent-" + UUID.randomUUID();
		String[] properties = { "mqtt.clean-start=false", "mqtt.session-expiry=1h",
				"mqtt.protocol-version=" + protocolVersion };
		try (ConfigurableApplicationContext first = start(url, clientId, properties)) {
			awaitSubscribed(url, first.getBean(Listeners.class));
		}
		MosquittoPublisher.publishLines(url, "persistent/in", 1,
				IntStream.rangeClosed(1, 5).mapToObj((i) -> "while-down-" + i).toList());
		try (ConfigurableApplicationContext second = start(url, clientId, properties)) {
			Listeners listeners = second.getBean(Listeners.class);
			await().untilAsserted(() -> assertThat(listeners.persistent).containsExactlyInAnyOrder("while-down-1",
					"while-down-2", "while-down-3", "while-down-4", "while-down-5"));
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "stack", "mosquitto" })
	void twoListenersOnOneFilterBothReceiveEveryMessage(String broker) {
		String url = url(broker);
		try (ConfigurableApplicationContext context = start(url, "twice-" + UUID.randomUUID())) {
			Listeners listeners = context.getBean(Listeners.class);
			MosquittoPublisher.publishLines(url, "twice/in", 1,
					IntStream.range(0, 10).mapToObj((i) -> "m" + i).toList());
			await().untilAsserted(() -> {
				assertThat(listeners.first).hasSize(10);
				assertThat(listeners.second).hasSize(10);
			});
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "stack", "mosquitto" })
	void messageWhoseRecoveryFailedIsDeliveredAgainAfterARestart(String broker) {
		String url = url(broker);
		String clientId = "unrecovered-" + UUID.randomUUID();
		String[] properties = { "mqtt.clean-start=false", "mqtt.session-expiry=1h",
				"mqtt.listener.retry.max-attempts=1", "test.failing-recoverer=true" };
		recoveries.set(0);
		try (ConfigurableApplicationContext first = start(url, clientId, properties)) {
			Listeners listeners = first.getBean(Listeners.class);
			awaitSubscribed(url, listeners);
			MosquittoPublisher.publishLines(url, "poison/in", 1, List.of("poison"));
			await().untilAsserted(() -> assertThat(recoveries).hasValue(1));
		}
		try (ConfigurableApplicationContext second = start(url, clientId, properties)) {
			Listeners listeners = second.getBean(Listeners.class);
			await().untilAsserted(() -> assertThat(listeners.poison).contains("poison"));
			await().untilAsserted(() -> assertThat(recoveries).hasValue(2));
		}
	}

	private static void awaitSubscribed(String url, Listeners listeners) {
		String marker = "ready-" + UUID.randomUUID();
		MosquittoPublisher.publishLines(url, "persistent/in", 1, List.of(marker));
		await().untilAsserted(() -> assertThat(listeners.persistent).contains(marker));
		listeners.persistent.clear();
	}

	private static String url(String broker) {
		return "stack".equals(broker) ? stack.getUrl() : mosquitto.getUrl();
	}

	private static long connectionThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("MQTT Con"))
			.count();
	}

	static ConfigurableApplicationContext start(String url, String clientId, String... properties) {
		return new SpringApplicationBuilder(Config.class).web(WebApplicationType.NONE)
			.properties("mqtt.url=" + url, "mqtt.client-id=" + clientId, "mqtt.template.completion-timeout=5s",
					"mqtt.listener.retry.initial-interval=10ms", "spring.main.banner-mode=off")
			.properties(properties)
			.run();
	}

	record Order(@NotBlank String item) {
	}

	static class Listeners {

		final List<String> orders = new CopyOnWriteArrayList<>();

		final List<Message<byte[]>> deadLetters = new CopyOnWriteArrayList<>();

		final List<String> persistent = new CopyOnWriteArrayList<>();

		final List<String> first = new CopyOnWriteArrayList<>();

		final List<String> second = new CopyOnWriteArrayList<>();

		final List<String> poison = new CopyOnWriteArrayList<>();

		volatile int connectionLost;

		@MqttListener("orders/{region}")
		void onOrder(@DestinationVariable("region") String region, @Valid Order order) {
			this.orders.add(region + ":" + order.item());
		}

		@MqttListener("orders-dlt")
		void onDeadLetter(Message<byte[]> message) {
			this.deadLetters.add(message);
		}

		@MqttListener("persistent/in")
		void onPersistent(String payload) {
			this.persistent.add(payload);
		}

		@MqttListener("twice/in")
		void onFirst(String payload) {
			this.first.add(payload);
		}

		@MqttListener("twice/in")
		void onSecond(String payload) {
			this.second.add(payload);
		}

		@MqttListener("poison/in")
		void onPoison(String payload, @Header(MqttHeaders.RECEIVED_QOS) int qos) {
			this.poison.add(payload);
			throw new IllegalStateException("cannot handle " + payload);
		}

		@EventListener
		void onConnectionLost(MqttConnectionLostEvent event) {
			this.connectionLost++;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Config {

		@Bean
		Listeners listeners() {
			return new Listeners();
		}

		@Bean
		@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty("test.failing-recoverer")
		MqttMessageRecoverer failingOnceRecoverer() {
			return (message, exception) -> {
				if (recoveries.incrementAndGet() == 1) {
					throw new MqttRecoveryException("dead-letter topic unavailable", exception);
				}
			};
		}

	}

}
