/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.observation;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import brave.Span.Kind;
import brave.handler.MutableSpan;
import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.spring.annotation.MqttListener;
import dev.mqttstack.spring.autoconfigure.MqttAutoConfiguration;
import dev.mqttstack.spring.core.MqttTemplate;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.Header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration test of tracing across MQTT: a real Brave tracer, the template and a
 * listener of one application, and our broker between them.
 */
class MqttTracingIntegrationTests {

	static MqttBroker broker;

	final BraveTestTracing tracing = new BraveTestTracing();

	@BeforeAll
	static void startBroker() {
		broker = MqttBroker.builder().host("127.0.0.1").port(0).build();
		broker.start();
	}

	@AfterAll
	static void stopBroker() {
		broker.stop();
	}

	@AfterEach
	void closeTracing() {
		this.tracing.close();
	}

	private ApplicationContextRunner runner(String... properties) {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MqttAutoConfiguration.class))
			.withBean(ObservationRegistry.class, () -> this.tracing.registry)
			.withBean(Tracer.class, () -> this.tracing.tracer)
			.withUserConfiguration(ListenerConfig.class)
			.withPropertyValues("mqtt.url=tcp://127.0.0.1:" + broker.port())
			.withPropertyValues(properties);
	}

	@Test
	void listenerSpanIsAChildOfTheSenderSpanAcrossTheBroker() {
		runner("mqtt.template.observation-enabled=true", "mqtt.listener.observation-enabled=true").run((context) -> {
			TracedListener listener = context.getBean(TracedListener.class);
			context.getBean(MqttTemplate.class).send("traced/device-1", "hello").join();
			await().until(() -> this.tracing.spansOfKind(Kind.CONSUMER).size() == 1
					&& this.tracing.spansOfKind(Kind.PRODUCER).size() == 1);
			MutableSpan sender = this.tracing.spansOfKind(Kind.PRODUCER).get(0);
			MutableSpan receiver = this.tracing.spansOfKind(Kind.CONSUMER).get(0);
			assertThat(receiver.traceId()).isEqualTo(sender.traceId());
			assertThat(receiver.parentId()).isEqualTo(sender.id());
			assertThat(sender.name()).isEqualTo("traced/device-1 publish");
			assertThat(receiver.name()).isEqualTo("traced/+ process");
			assertThat(sender.tags()).containsEntry("mqtt.qos", "1")
				.containsEntry("messaging.destination.name", "traced/device-1");
			assertThat(receiver.tags()).containsEntry("mqtt.topic.filter", "traced/+")
				.containsEntry("mqtt.listener.id", "traced");
			assertThat(listener.traceparents).containsEntry("traced/device-1",
					"00-" + sender.traceId() + "-" + sender.id() + "-01");
			assertThat(listener.traceIdsSeen).containsEntry("traced/device-1", sender.traceId());
		});
	}

	@Test
	void listenerContinuesATraceAnyMqtt5ClientStarted() throws Exception {
		runner("mqtt.listener.observation-enabled=true").run((context) -> {
			TracedListener listener = context.getBean(TracedListener.class);
			MqttClient publisher = new MqttClient("tcp://127.0.0.1:" + broker.port(), "foreign-publisher",
					new MemoryPersistence());
			publisher.connect();
			try {
				org.eclipse.paho.mqttv5.common.MqttMessage message = new org.eclipse.paho.mqttv5.common.MqttMessage(
						"hello".getBytes(StandardCharsets.UTF_8));
				MqttProperties properties = new MqttProperties();
				properties.setUserProperties(List
					.of(new UserProperty("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")));
				message.setProperties(properties);
				message.setQos(1);
				publisher.publish("traced/foreign", message);
			}
			finally {
				publisher.disconnect();
				publisher.close();
			}
			await().until(() -> listener.traceIdsSeen.containsKey("traced/foreign"));
			assertThat(listener.traceIdsSeen.get("traced/foreign")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
			await().until(() -> this.tracing.spansOfKind(Kind.CONSUMER).size() == 1);
			assertThat(this.tracing.spansOfKind(Kind.CONSUMER).get(0).parentId()).isEqualTo("00f067aa0ba902b7");
		});
	}

	@Test
	void tracingStopsAtTheBrokerWithMqtt311() {
		runner("mqtt.protocol-version=3", "mqtt.template.observation-enabled=true",
				"mqtt.listener.observation-enabled=true")
			.run((context) -> {
				TracedListener listener = context.getBean(TracedListener.class);
				context.getBean(MqttTemplate.class).send("traced/device-2", "hello").join();
				await().until(() -> this.tracing.spansOfKind(Kind.CONSUMER).size() == 1
						&& this.tracing.spansOfKind(Kind.PRODUCER).size() == 1);
				MutableSpan sender = this.tracing.spansOfKind(Kind.PRODUCER).get(0);
				MutableSpan receiver = this.tracing.spansOfKind(Kind.CONSUMER).get(0);
				assertThat(receiver.traceId()).isNotEqualTo(sender.traceId());
				assertThat(receiver.parentId()).isNull();
				assertThat(listener.traceparents).doesNotContainKey("traced/device-2");
			});
	}

	@Test
	void nothingIsObservedOrPropagatedUnlessSwitchedOn() {
		runner().run((context) -> {
			TracedListener listener = context.getBean(TracedListener.class);
			context.getBean(MqttTemplate.class).send("traced/device-3", "hello").join();
			await().until(() -> listener.traceIdsSeen.containsKey("traced/device-3"));
			assertThat(listener.traceparents).doesNotContainKey("traced/device-3");
			assertThat(listener.traceIdsSeen.get("traced/device-3")).isEqualTo("none");
			assertThat(this.tracing.spans).isEmpty();
		});
	}

	@Test
	void replySentFromAListenerContinuesItsTrace() {
		runner("mqtt.template.observation-enabled=true", "mqtt.listener.observation-enabled=true").run((context) -> {
			String reply = context.getBean(MqttTemplate.class)
				.sendAndReceive("echo/traced", "ping", String.class, java.time.Duration.ofSeconds(10))
				.join();
			assertThat(reply).isEqualTo("pong");
			await().until(() -> this.tracing.spansOfKind(Kind.PRODUCER).size() == 2
					&& this.tracing.spansOfKind(Kind.CONSUMER).size() == 1);
			List<MutableSpan> senders = this.tracing.spansOfKind(Kind.PRODUCER);
			assertThat(senders).extracting(MutableSpan::traceId).containsOnly(senders.get(0).traceId());
			MutableSpan receiver = this.tracing.spansOfKind(Kind.CONSUMER).get(0);
			MutableSpan replySpan = senders.stream()
				.filter((span) -> span.name().startsWith("replies/"))
				.findFirst()
				.orElseThrow();
			assertThat(replySpan.parentId()).isEqualTo(receiver.id());
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class ListenerConfig {

		@Bean
		TracedListener tracedListener(Tracer tracer) {
			return new TracedListener(tracer);
		}

	}

	static class TracedListener {

		final Map<String, String> traceparents = new ConcurrentHashMap<>();

		final Map<String, String> traceIdsSeen = new ConcurrentHashMap<>();

		private final Tracer tracer;

		TracedListener(Tracer tracer) {
			this.tracer = tracer;
		}

		@MqttListener(id = "traced", topics = "traced/+")
		void onMessage(@Header(name = "mqtt_receivedTopic") String topic,
				@Header(name = "traceparent", required = false) String traceparent) {
			if (traceparent != null) {
				this.traceparents.put(topic, traceparent);
			}
			Span current = this.tracer.currentSpan();
			this.traceIdsSeen.put(topic, (current != null) ? current.context().traceId() : "none");
		}

		@MqttListener(id = "echo", topics = "echo/traced")
		String echo(String request) {
			return "pong";
		}

	}

}
