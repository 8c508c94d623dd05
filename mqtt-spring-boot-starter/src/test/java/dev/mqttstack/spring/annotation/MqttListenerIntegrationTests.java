/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.annotation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mqttstack.spring.config.MqttListenerEndpointRegistry;
import dev.mqttstack.spring.connection.MqttClientConnection;
import dev.mqttstack.spring.connection.MqttClientConnections;
import dev.mqttstack.spring.connection.MqttClientSettings;
import dev.mqttstack.spring.connection.MqttSubscription;
import dev.mqttstack.spring.core.MqttMessage;
import dev.mqttstack.spring.core.MqttTemplate;
import dev.mqttstack.spring.listener.MqttListenerErrorHandler;
import dev.mqttstack.spring.support.MqttHeaders;
import dev.mqttstack.spring.test.MosquittoBroker;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of {@link MqttListener} methods against a real Mosquitto broker over
 * MQTT 5.
 */
@SpringBootTest(classes = MqttListenerIntegrationTests.Config.class,
		properties = { "spring.application.name=listener-tests", "mqtt.listener.retry.max-attempts=3",
				"mqtt.listener.retry.initial-interval=50ms", "mqtt.listener.dead-letter-topic=test/dlt",
				"mqtt.template.completion-timeout=5s", "mqtt.template.observation-enabled=true",
				"mqtt.listener.observation-enabled=true" })
@DirtiesContext
class MqttListenerIntegrationTests {

	@RegisterExtension
	static final MosquittoBroker mosquitto = new MosquittoBroker();

	@DynamicPropertySource
	static void brokerUrl(DynamicPropertyRegistry registry) {
		registry.add("mqtt.url", mosquitto::getUrl);
	}

	@Autowired
	MqttTemplate template;

	@Autowired
	Listeners listeners;

	@Autowired
	MqttListenerEndpointRegistry registry;

	@Test
	void messageIsReceivedAtEachQos() {
		for (int qos = 0; qos <= 2; qos++) {
			this.template.send("test/qos", "hello " + qos, qos, false).join();
		}
		await().untilAsserted(() -> assertThat(this.listeners.qos).contains("hello 0@0", "hello 1@1", "hello 2@2"));
	}

	@Test
	void listenerRunsOnItsContainerThreadNotOnTheClientCallbackThread() {
		this.template.send("test/qos", "thread", 1, false).join();
		await().untilAsserted(() -> assertThat(this.listeners.threads).isNotEmpty());
		assertThat(this.listeners.threads)
			.allSatisfy((name) -> assertThat(name).startsWith("mqtt-").doesNotContainIgnoringCase("MQTT Call"));
	}

	@Test
	void errorHandlerResultIsSentAsReply() {
		this.template.send("test/handled", "x").join();
		await().untilAsserted(() -> assertThat(this.listeners.handledErrors).contains("handled: rejected x"));
	}

	@Test
	void sendsAndListenerInvocationsAreObserved() {
		this.template.send("test/qos", "observed", 1, false).join();
		await().untilAsserted(
				() -> assertThat(this.listeners.observed).contains("mqtt.template test/qos", "mqtt.listener test/qos"));
	}

	@Test
	void jsonRecordIsConvertedAndTopicVariableIsBound() {
		this.template.send("sensors/dev-7/telemetry", new Telemetry("dev-7", 21.5)).join();
		await().untilAsserted(
				() -> assertThat(this.listeners.telemetry).containsEntry("dev-7", new Telemetry("dev-7", 21.5)));
	}

	@Test
	void typedMessageParameterCarriesConvertedPayloadAndHeaders() {
		this.template.send("test/typed", new Telemetry("dev-9", 3.0), 1, false).join();
		await().untilAsserted(() -> assertThat(this.listeners.typed).singleElement().satisfies((message) -> {
			assertThat(message.getPayload()).isEqualTo(new Telemetry("dev-9", 3.0));
			assertThat(message.getHeaders()).containsEntry(MqttHeaders.RECEIVED_TOPIC, "test/typed")
				.containsEntry(MqttHeaders.CONTENT_TYPE, "application/json")
				.containsEntry(MqttHeaders.DUPLICATE, false);
		}));
	}

	@Test
	void invalidPayloadGoesToDeadLetterTopicWithoutRetries() {
		this.template.send("sensors/dev-8/telemetry", new Telemetry("", -1)).join();
		await().untilAsserted(
				() -> assertThat(this.listeners.deadLetters).anySatisfy((message) -> assertThat(message.getHeaders())
					.containsEntry(MqttHeaders.DLT_ORIGINAL_TOPIC, "sensors/dev-8/telemetry")));
		assertThat(this.listeners.telemetry).doesNotContainKey("");
	}

	@Test
	void failingListenerIsRetriedThenDeadLettered() {
		this.template.send("test/failing", "boom").join();
		await().untilAsserted(() -> assertThat(this.listeners.deadLetters).anySatisfy(
				(message) -> assertThat(new String(message.getPayload(), StandardCharsets.UTF_8)).isEqualTo("boom")));
		assertThat(this.listeners.failingAttempts).hasValue(3);
	}

	@Test
	void sendToPublishesTheReturnValue() {
		this.template.send("test/upper", "shout").join();
		await().untilAsserted(() -> assertThat(this.listeners.uppercased).contains("SHOUT"));
	}

	@Test
	void requestIsAnsweredOnItsResponseTopic() {
		String reply = this.template.sendAndReceive("test/echo", "ping", String.class, Duration.ofSeconds(5)).join();
		assertThat(reply).isEqualTo("pong:ping");
	}

	@Test
	void headersAndMqtt5PropertiesReachTheListener() {
		this.template
			.send(MqttMessage.builder("test/headers", "x".getBytes(StandardCharsets.UTF_8))
				.qos(1)
				.contentType("text/plain")
				.userProperty("tenant", "acme")
				.build())
			.join();
		await().untilAsserted(
				() -> assertThat(this.listeners.headers).containsEntry(MqttHeaders.RECEIVED_TOPIC, "test/headers")
					.containsEntry(MqttHeaders.RECEIVED_QOS, 1)
					.containsEntry(MqttHeaders.CONTENT_TYPE, "text/plain")
					.containsEntry("tenant", "acme"));
	}

	@Test
	void blockingListenerDoesNotStallOthers() throws Exception {
		this.template.send("test/slow", "block").join();
		await().until(() -> this.listeners.slowStarted.getCount() == 0);
		this.template.send("test/qos", "while-blocked", 1, false).join();
		await().atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(this.listeners.qos).contains("while-blocked@1"));
		assertThat(this.listeners.slowRelease.getCount()).isOne();
		this.listeners.slowRelease.countDown();
	}

	@Test
	void sharedGroupDeliversEachMessageToOneMember() {
		List<String> other = new CopyOnWriteArrayList<>();
		MqttClientSettings settings = new MqttClientSettings();
		settings.setUrl(mosquitto.getUrl());
		settings.setClientId("other-replica");
		MqttClientConnection replica = MqttClientConnections.create(settings, null);
		replica.start();
		try (MqttSubscription subscription = replica.subscribe(new String[] { "$share/workers/test/shared" },
				new int[] { 1 }, (message, ack) -> {
					other.add(new String(message.getPayload(), StandardCharsets.UTF_8));
					ack.run();
				})) {
			subscription.start();
			for (int i = 0; i < 20; i++) {
				this.template.send("test/shared", "m" + i).join();
			}
			await().untilAsserted(() -> assertThat(this.listeners.shared.size() + other.size()).isEqualTo(20));
			assertThat(this.listeners.shared).isNotEmpty().doesNotHaveDuplicates().doesNotContainAnyElementsOf(other);
			assertThat(other).isNotEmpty();
		}
		finally {
			replica.stop();
		}
	}

	@Test
	void concurrencyRunsThatManyMessagesAtOnce() {
		for (int i = 0; i < 3; i++) {
			this.template.send("test/parallel", "p" + i).join();
		}
		await().untilAsserted(() -> assertThat(this.listeners.parallel).hasSize(3));
	}

	@Test
	void listenerWithoutAutoStartupWaitsToBeStarted() {
		assertThat(this.registry.getListenerContainer("manual").isRunning()).isFalse();
		this.registry.start("manual");
		this.template.send("test/manual", "now").join();
		await().untilAsserted(() -> assertThat(this.listeners.manual).contains("now"));
	}

	@Test
	void registryStopsAndStartsAListenerById() {
		this.registry.stop("toggled");
		assertThat(this.registry.getListenerContainer("toggled").isRunning()).isFalse();
		this.template.send("test/toggled", "while-stopped", 1, false).join();
		// The connection delivers in order: once this arrived, "while-stopped" would
		// have arrived too, so starting now cannot race with it.
		this.template.send("test/qos", "after-while-stopped", 1, false).join();
		await().untilAsserted(() -> assertThat(this.listeners.qos).contains("after-while-stopped@1"));
		this.registry.start("toggled");
		assertThat(this.registry.getListenerContainer("toggled").isRunning()).isTrue();
		this.template.send("test/toggled", "after-start").join();
		await().untilAsserted(() -> assertThat(this.listeners.toggled).contains("after-start"));
		assertThat(this.listeners.toggled).doesNotContain("while-stopped");
	}

	record Telemetry(@NotBlank String deviceId, @PositiveOrZero double celsius) {
	}

	static class Listeners {

		final List<String> qos = new CopyOnWriteArrayList<>();

		final List<String> threads = new CopyOnWriteArrayList<>();

		final List<String> handledErrors = new CopyOnWriteArrayList<>();

		final List<String> observed = new CopyOnWriteArrayList<>();

		final List<Message<Telemetry>> typed = new CopyOnWriteArrayList<>();

		final CyclicBarrier barrier = new CyclicBarrier(3);

		final List<String> parallel = new CopyOnWriteArrayList<>();

		final List<String> manual = new CopyOnWriteArrayList<>();

		final Map<String, Telemetry> telemetry = new ConcurrentHashMap<>();

		final List<Message<byte[]>> deadLetters = new CopyOnWriteArrayList<>();

		final AtomicInteger failingAttempts = new AtomicInteger();

		final List<String> uppercased = new CopyOnWriteArrayList<>();

		final Map<String, Object> headers = new ConcurrentHashMap<>();

		final CountDownLatch slowStarted = new CountDownLatch(1);

		final CountDownLatch slowRelease = new CountDownLatch(1);

		final List<String> shared = new CopyOnWriteArrayList<>();

		final List<String> toggled = new CopyOnWriteArrayList<>();

		@MqttListener(topics = "test/qos", qos = 2)
		void onQos(String payload, @Header(MqttHeaders.RECEIVED_QOS) int qos) {
			this.threads.add(Thread.currentThread().getName());
			this.qos.add(payload + "@" + qos);
		}

		@MqttListener("sensors/{deviceId}/telemetry")
		void onTelemetry(@DestinationVariable("deviceId") String deviceId, @Payload @Valid Telemetry telemetry) {
			this.telemetry.put(deviceId, telemetry);
		}

		@MqttListener("test/typed")
		void onTyped(Message<Telemetry> message) {
			this.typed.add(message);
		}

		@MqttListener("test/dlt")
		void onDeadLetter(Message<byte[]> message) {
			this.deadLetters.add(message);
		}

		@MqttListener("test/failing")
		void onFailing(String payload) {
			this.failingAttempts.incrementAndGet();
			throw new IllegalStateException("always fails: " + payload);
		}

		@MqttListener("test/upper")
		@SendTo("test/upper/out")
		String upper(String payload) {
			return payload.toUpperCase();
		}

		@MqttListener("test/upper/out")
		void onUpper(String payload) {
			this.uppercased.add(payload);
		}

		@MqttListener("test/echo")
		String echo(String payload) {
			return "pong:" + payload;
		}

		@MqttListener("test/headers")
		void onHeaders(Message<byte[]> message) {
			this.headers.putAll(message.getHeaders());
		}

		@MqttListener("test/slow")
		void slow(String payload) throws InterruptedException {
			this.slowStarted.countDown();
			this.slowRelease.await(10, TimeUnit.SECONDS);
		}

		@MqttListener(topics = "test/shared", shareGroup = "workers")
		void sharedOne(String payload) {
			this.shared.add(payload);
		}

		@MqttListener(topics = "test/handled", errorHandler = "rejectionHandler")
		@SendTo("test/handled/out")
		String failsIntoErrorHandler(String payload) {
			throw new IllegalArgumentException("rejected " + payload);
		}

		@MqttListener("test/handled/out")
		void onHandled(String payload) {
			this.handledErrors.add(payload);
		}

		@MqttListener(topics = "test/parallel", concurrency = "3")
		void parallel(String payload) throws Exception {
			this.barrier.await(10, TimeUnit.SECONDS);
			this.parallel.add(payload);
		}

		@MqttListener(id = "manual", topics = "test/manual", autoStartup = "false")
		void onManual(String payload) {
			this.manual.add(payload);
		}

		@MqttListener(id = "toggled", topics = "test/toggled")
		void onToggled(String payload) {
			this.toggled.add(payload);
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
		MqttListenerErrorHandler rejectionHandler() {
			return (message, exception) -> "handled: " + exception.getMessage();
		}

		@Bean
		ObservationRegistry observationRegistry(Listeners listeners) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new ObservationHandler<>() {

				@Override
				public boolean supportsContext(Observation.Context context) {
					return true;
				}

				@Override
				public void onStop(Observation.Context context) {
					listeners.observed.add(context.getName() + " "
							+ context.getHighCardinalityKeyValue("messaging.destination.name").getValue());
				}

			});
			return registry;
		}

	}

}
