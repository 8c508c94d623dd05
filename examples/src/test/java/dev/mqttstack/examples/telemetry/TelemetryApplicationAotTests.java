/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.examples.telemetry;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationHook;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AOT processing of the example application, as a native build runs it: the context is
 * prepared but not started (no broker needed), and the runtime hints the starter
 * contributes must let the {@code @MqttListener} methods be invoked and their payloads
 * and replies be bound as JSON.
 */
class TelemetryApplicationAotTests {

	static RuntimeHints hints;

	@BeforeAll
	static void processAheadOfTime() {
		GenericApplicationContext context = preparedContext();
		TestGenerationContext generation = new TestGenerationContext(TelemetryApplication.class);
		new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
		hints = generation.getRuntimeHints();
	}

	private static GenericApplicationContext preparedContext() {
		SpringApplication application = new SpringApplication(TelemetryApplication.class);
		SpringApplicationHook hook = (app) -> new SpringApplicationRunListener() {
			@Override
			public void contextLoaded(ConfigurableApplicationContext context) {
				throw new SpringApplication.AbandonedRunException(context);
			}
		};
		try {
			SpringApplication.withHook(hook, () -> application.run());
		}
		catch (SpringApplication.AbandonedRunException ex) {
			return (GenericApplicationContext) ex.getApplicationContext();
		}
		throw new IllegalStateException("The application context was not abandoned before its refresh");
	}

	@Test
	void listenerMethodsMayBeInvokedReflectively() {
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(TelemetryListener.class, "onTelemetry"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(DeviceStatusListener.class, "status"))
			.accepts(hints);
	}

	@Test
	void payloadTypesAreBoundForJson() {
		assertThat(RuntimeHintsPredicates.reflection().onType(Telemetry.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Telemetry.class, "temperature"))
			.accepts(hints);
	}

	@Test
	void replyTypesAndWhatTheyContainAreBoundForJson() {
		assertThat(RuntimeHintsPredicates.reflection().onType(DeviceStatus.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(DeviceStatus.class, "latest")).accepts(hints);
	}

	@Test
	void topicVariablesAreNotMistakenForPayloads() {
		assertThat(RuntimeHintsPredicates.reflection().onType(Alert.class)).rejects(hints);
	}

}
