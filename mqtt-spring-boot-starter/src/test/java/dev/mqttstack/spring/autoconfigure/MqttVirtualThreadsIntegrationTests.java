/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.autoconfigure;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mqttstack.spring.annotation.MqttListener;
import dev.mqttstack.spring.config.DefaultMqttListenerContainerFactory;
import dev.mqttstack.spring.core.MqttTemplate;
import dev.mqttstack.spring.test.StackBroker;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of listeners on virtual threads with
 * {@code spring.threads.virtual.enabled=true}; they need a JDK 21 or later to run (the
 * build targets Java 17).
 */
class MqttVirtualThreadsIntegrationTests {

	@RegisterExtension
	static final StackBroker stack = new StackBroker();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MqttAutoConfiguration.class))
		.withPropertyValues("mqtt.url=" + stack.getUrl())
		.withBean(Inbox.class);

	@BeforeAll
	static void requireVirtualThreads() {
		if (Runtime.version().feature() < 21) {
			String reason = "virtual threads need JDK 21+, this is JDK " + Runtime.version().feature();
			System.out.println("[SKIPPED] MqttVirtualThreadsIntegrationTests: " + reason);
			Assumptions.abort(reason);
		}
	}

	@Test
	void listenersRunOnVirtualThreadsWhenEnabled() {
		this.contextRunner.withPropertyValues("spring.threads.virtual.enabled=true", "mqtt.listener.concurrency=4")
			.run((context) -> {
				assertThat(context.getBean(DefaultMqttListenerContainerFactory.class).getTaskExecutor())
					.isInstanceOfSatisfying(SimpleAsyncTaskExecutor.class,
							(executor) -> assertThat(executor.getConcurrencyLimit()).isNegative());
				Inbox inbox = context.getBean(Inbox.class);
				for (int i = 0; i < 10; i++) {
					context.getBean(MqttTemplate.class).send("virtual/in", "m" + i).join();
				}
				await().untilAsserted(() -> assertThat(inbox.virtual).hasSize(10));
				assertThat(inbox.virtual).containsOnly(true);
			});
	}

	@Test
	void listenersRunOnPlatformThreadsByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(DefaultMqttListenerContainerFactory.class).getTaskExecutor()).isNull();
			Inbox inbox = context.getBean(Inbox.class);
			context.getBean(MqttTemplate.class).send("virtual/in", "m").join();
			await().untilAsserted(() -> assertThat(inbox.virtual).containsExactly(false));
		});
	}

	static class Inbox {

		final List<Boolean> virtual = new CopyOnWriteArrayList<>();

		@MqttListener("virtual/in")
		void onMessage(String payload) throws Exception {
			Method isVirtual = Thread.class.getMethod("isVirtual");
			this.virtual.add((Boolean) isVirtual.invoke(Thread.currentThread()));
		}

	}

}
