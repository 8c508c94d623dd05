/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.aot;

import java.util.List;

import dev.mqttstack.spring.annotation.MqttListener;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.Header;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link MqttListenerBeanRegistrationAotProcessor}.
 */
class MqttListenerBeanRegistrationAotProcessorTests {

	private final DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();

	private RuntimeHints process(Class<?> beanClass) {
		this.beanFactory.registerBeanDefinition("bean", new RootBeanDefinition(beanClass));
		BeanRegistrationAotContribution contribution = new MqttListenerBeanRegistrationAotProcessor()
			.processAheadOfTime(RegisteredBean.of(this.beanFactory, "bean"));
		TestGenerationContext generation = new TestGenerationContext();
		if (contribution != null) {
			contribution.applyTo(generation, null);
		}
		return generation.getRuntimeHints();
	}

	@Test
	void beansWithoutListenersContributeNothing() {
		this.beanFactory.registerBeanDefinition("bean", new RootBeanDefinition(String.class));
		assertThat(new MqttListenerBeanRegistrationAotProcessor()
			.processAheadOfTime(RegisteredBean.of(this.beanFactory, "bean"))).isNull();
	}

	@Test
	void listenerMethodsAreInvocableAndPayloadsInsideMessagesAreBound() {
		RuntimeHints hints = process(Listeners.class);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Listeners.class, "onReading")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Listeners.class, "onBatch")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Reading.class, "value")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Batch.class, "readings")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Ack.class, "count")).accepts(hints);
	}

	@Test
	void headersAndTopicVariablesAreNotBound() {
		RuntimeHints hints = process(Listeners.class);
		assertThat(RuntimeHintsPredicates.reflection().onType(DeviceId.class)).rejects(hints);
	}

	record Reading(double value) {
	}

	record Batch(List<Reading> readings) {
	}

	record Ack(int count) {
	}

	record DeviceId(String value) {
	}

	static class Listeners {

		@MqttListener("readings/{device}")
		void onReading(@DestinationVariable("device") String device, Reading reading) {
		}

		@MqttListener("batches")
		Ack onBatch(Message<Batch> batch, @Header("device") DeviceId device) {
			return new Ack(batch.getPayload().readings().size());
		}

	}

}
