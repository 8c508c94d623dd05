/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.examples.telemetry;

import dev.mqttstack.spring.core.MqttTemplate;
import dev.mqttstack.spring.test.broker.EmbeddedMqttBroker;
import dev.mqttstack.spring.test.broker.EmbeddedMqttBrokerServer;
import dev.mqttstack.spring.test.inbox.MqttTestInbox;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of the telemetry example against the embedded broker. Tracing is on
 * ({@code @AutoConfigureTracing}: Spring Boot tests turn trace propagation off
 * otherwise).
 */
@SpringBootTest
@EmbeddedMqttBroker
@AutoConfigureTracing
@ExtendWith(OutputCaptureExtension.class)
class TelemetryApplicationTests {

	@Autowired
	MqttTemplate mqtt;

	@Autowired
	EmbeddedMqttBrokerServer broker;

	@Autowired
	DeviceStatusClient statusClient;

	@Autowired
	Tracer tracer;

	@Test
	void hotReadingRaisesAnAlert() {
		try (MqttTestInbox alerts = MqttTestInbox.subscribe(this.broker, "alerts/+")) {
			this.mqtt.send("sensors/boiler-1/telemetry", new Telemetry(85.0, 20.0)).join();
			assertThat(alerts.awaitMessage("alerts/boiler-1").payloadAs(Alert.class))
				.isEqualTo(new Alert("boiler-1", 85.0, 40.0));
		}
	}

	@Test
	void invalidReadingGoesToTheDeadLetterTopic() {
		try (MqttTestInbox deadLetters = MqttTestInbox.subscribe(this.broker, "telemetry/dead-letters")) {
			this.mqtt.send("sensors/broken-1/telemetry", "{\"humidity\": 400}").join();
			assertThat(deadLetters.awaitMessage().payloadAsString()).isEqualTo("{\"humidity\": 400}");
		}
	}

	@Test
	void statusRequestIsAnsweredWithTheLatestReading() {
		this.mqtt.send("sensors/boiler-7/telemetry", new Telemetry(30.0, 50.0)).join();
		await().untilAsserted(() -> assertThat(this.statusClient.status("boiler-7"))
			.isEqualTo(new DeviceStatus("boiler-7", new Telemetry(30.0, 50.0))));
	}

	@Test
	void statusRequestWithoutResponseTopicIsAnsweredOnTheSendToTopic() {
		try (MqttTestInbox replies = MqttTestInbox.subscribe(this.broker, "devices/status")) {
			this.mqtt.send("devices/boiler-8/status", "{}").join();
			assertThat(replies.awaitMessage().payloadAs(DeviceStatus.class))
				.isEqualTo(new DeviceStatus("boiler-8", null));
		}
	}

	@Test
	void listenerLogLineCarriesThePublishersTraceId(CapturedOutput output) {
		Span span = this.tracer.nextSpan().name("device reading").start();
		String traceId = span.context().traceId();
		assertThat(traceId).as("a real tracer's trace id").hasSize(32);
		try (MqttTestInbox inbox = MqttTestInbox.subscribe(this.broker, "sensors/traced-1/telemetry")) {
			try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
				this.mqtt.send("sensors/traced-1/telemetry", new Telemetry(21.0, 40.0)).join();
			}
			finally {
				span.end();
			}
			assertThat(inbox.awaitMessage().userProperty("traceparent")).startsWith("00-" + traceId + "-");
		}
		await().untilAsserted(
				() -> assertThat(output.getOut().lines()).filteredOn((line) -> line.contains("Telemetry from traced-1"))
					.singleElement()
					.asString()
					.contains(traceId));
	}

}
