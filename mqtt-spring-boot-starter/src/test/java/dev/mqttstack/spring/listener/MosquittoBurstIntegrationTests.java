/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.listener;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import dev.mqttstack.spring.annotation.MqttListener;
import dev.mqttstack.spring.test.MosquittoBroker;
import dev.mqttstack.spring.test.MosquittoPublisher;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of QoS 1 bursts against Mosquitto with its stock limits
 * ({@code max_inflight_messages 20}, {@code max_queued_messages 1000}): without
 * {@code mqtt.receive-maximum} it dropped thousands of 20,000 messages here.
 */
@ExtendWith(OutputCaptureExtension.class)
class MosquittoBurstIntegrationTests {

	private static final int BURST = 20_000;

	@RegisterExtension
	static final MosquittoBroker mosquitto = new MosquittoBroker();

	@Test
	void qos1BurstIsDeliveredCompletelyWithTheRecommendedReceiveMaximum() {
		String url = mosquitto.getUrl();
		try (ConfigurableApplicationContext context = start(url, "mqtt.receive-maximum=65535")) {
			Counter counter = context.getBean(Counter.class);
			long start = System.nanoTime();
			MosquittoPublisher.publishLines(url, "burst/in", 1,
					IntStream.range(0, BURST).mapToObj((i) -> "m" + i).toList());
			try {
				await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(counter.count).hasValue(BURST));
			}
			finally {
				System.out
					.println("QoS 1 burst of " + BURST + " through stock Mosquitto with mqtt.receive-maximum=65535: "
							+ counter.count.get() + " received in " + (System.nanoTime() - start) / 1_000_000 + " ms");
			}
		}
	}

	@Test
	void startupWarnsThatStockMosquittoDropsBurstsWithoutAReceiveMaximum(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start(mosquitto.getUrl())) {
			await().untilAsserted(() -> assertThat(output).contains("announces Receive Maximum 20")
				.contains("set mqtt.receive-maximum"));
		}
	}

	private static ConfigurableApplicationContext start(String url, String... properties) {
		return new SpringApplicationBuilder(Config.class).web(WebApplicationType.NONE)
			.properties("mqtt.url=" + url, "mqtt.client-id=burst-" + UUID.randomUUID(), "spring.main.banner-mode=off")
			.properties(properties)
			.run();
	}

	static class Counter {

		final AtomicInteger count = new AtomicInteger();

		@MqttListener("burst/in")
		void onMessage(String payload) {
			this.count.incrementAndGet();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Config {

		@Bean
		Counter counter() {
			return new Counter();
		}

	}

}
