/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.observation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.spring.annotation.MqttListener;
import dev.mqttstack.spring.autoconfigure.MqttAutoConfiguration;
import dev.mqttstack.spring.core.MqttTemplate;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of the observation switches, conventions and the meter binder as auto-configured,
 * against our broker.
 */
class MqttObservationConfigurationTests {

	static MqttBroker broker;

	final TestObservationRegistry observations = TestObservationRegistry.create();

	@BeforeAll
	static void startBroker() {
		broker = MqttBroker.builder().host("127.0.0.1").port(0).build();
		broker.start();
	}

	@AfterAll
	static void stopBroker() {
		broker.stop();
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MqttAutoConfiguration.class, MqttMetricsAutoConfiguration.class))
			.withBean(ObservationRegistry.class, () -> this.observations)
			.withBean(Received.class, Received::new)
			.withPropertyValues("mqtt.url=tcp://127.0.0.1:" + broker.port());
	}

	@Test
	void sendsAndListenersAreNotObservedByDefault() {
		runner().run((context) -> {
			context.getBean(MqttTemplate.class).send("observed/a", "x").join();
			await().until(() -> context.getBean(Received.class).payloads.contains("x"));
			assertThat(this.observations).doesNotHaveAnyObservation();
		});
	}

	@Test
	void defaultConventionsTagTopicFilterQosAndClientId() {
		runner()
			.withPropertyValues("mqtt.client-id=observed-app", "mqtt.template.observation-enabled=true",
					"mqtt.listener.observation-enabled=true")
			.run((context) -> {
				context.getBean(MqttTemplate.class).send("observed/b", "y", 2, false).join();
				await().until(() -> context.getBean(Received.class).payloads.contains("y"));
				await().untilAsserted(() -> assertThat(this.observations).hasObservationWithNameEqualTo("mqtt.listener")
					.that()
					.hasBeenStopped()
					.hasLowCardinalityKeyValue("mqtt.topic.filter", "observed/+")
					.hasLowCardinalityKeyValue("mqtt.listener.id", "observed")
					.hasLowCardinalityKeyValue("mqtt.qos", "2")
					.hasLowCardinalityKeyValue("mqtt.client.id", "observed-app")
					.hasHighCardinalityKeyValue("messaging.destination.name", "observed/b"));
				assertThat(this.observations).hasObservationWithNameEqualTo("mqtt.template")
					.that()
					.hasBeenStopped()
					.hasLowCardinalityKeyValue("mqtt.qos", "2")
					.hasLowCardinalityKeyValue("messaging.operation", "publish")
					.doesNotHaveLowCardinalityKeyValueWithKey("messaging.destination.name");
			});
	}

	@Test
	void conventionBeansReplaceTheDefaults() {
		runner().withPropertyValues("mqtt.template.observation-enabled=true", "mqtt.listener.observation-enabled=true")
			.withBean(MqttTemplateObservationConvention.class, () -> new DefaultMqttTemplateObservationConvention() {
				@Override
				public KeyValues getLowCardinalityKeyValues(MqttSenderContext context) {
					return super.getLowCardinalityKeyValues(context).and("team", "sensors");
				}
			})
			.withBean(MqttListenerObservationConvention.class, () -> new DefaultMqttListenerObservationConvention() {
				@Override
				public String getName() {
					return "sensors.listener";
				}
			})
			.run((context) -> {
				context.getBean(MqttTemplate.class).send("observed/c", "z").join();
				await().until(() -> context.getBean(Received.class).payloads.contains("z"));
				await()
					.untilAsserted(() -> assertThat(this.observations).hasObservationWithNameEqualTo("sensors.listener")
						.that()
						.hasBeenStopped());
				assertThat(this.observations).hasObservationWithNameEqualTo("mqtt.template")
					.that()
					.hasLowCardinalityKeyValue("team", "sensors");
			});
	}

	@Test
	void clientMetersAreBoundToTheMeterRegistry() {
		runner().withPropertyValues("mqtt.client-id=metered-app").run((context) -> {
			SimpleMeterRegistry meters = new SimpleMeterRegistry();
			context.getBean(MqttClientMetrics.class).bindTo(meters);
			assertThat(meters.get(MqttClientMetrics.CONNECTED).tag("client.id", "metered-app").gauge().value())
				.isEqualTo(1.0);
			assertThat(meters.get(MqttClientMetrics.LISTENER_QUEUE_DEPTH).tag("listener.id", "observed").gauge())
				.isNotNull();
		});
	}

	@Test
	void springBootBindsTheClientMetersToItsMeterRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
					MqttAutoConfiguration.class, MqttMetricsAutoConfiguration.class))
			.withBean(Received.class, Received::new)
			.withPropertyValues("mqtt.url=tcp://127.0.0.1:" + broker.port(), "mqtt.client-id=boot-metered")
			.run((context) -> {
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				await().untilAsserted(() -> assertThat(
						meters.get(MqttClientMetrics.CONNECTED).tag("client.id", "boot-metered").gauge().value())
					.isEqualTo(1.0));
				assertThat(meters.get(MqttClientMetrics.LISTENER_IN_FLIGHT).tag("listener.id", "observed").gauge())
					.isNotNull();
				assertThat(meters.get(MqttClientMetrics.RECONNECTS).functionCounter().count()).isZero();
			});
	}

	static class Received {

		final List<String> payloads = new CopyOnWriteArrayList<>();

		@MqttListener(id = "observed", topics = "observed/+", qos = 2)
		void onMessage(String payload) {
			this.payloads.add(payload);
		}

	}

}
