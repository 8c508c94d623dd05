package dev.mqttstack.bench.loadgen;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.ReasonCode;
import dev.mqttstack.broker.security.AuthenticationResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Smoke test of the load generator against an embedded broker-module broker: it must
 * deliver, acknowledge and count correctly at every QoS. Counts only, no timings.
 */
class LoadGeneratorTests {

	private MqttBroker broker;

	private LoadGenerator generator;

	@BeforeEach
	void start() {
		this.broker = MqttBroker.builder().host("127.0.0.1").port(0).sysInterval(Duration.ZERO).build();
		this.broker.start();
		this.generator = new LoadGenerator(new InetSocketAddress("127.0.0.1", this.broker.port()), 2);
	}

	@AfterEach
	void stop() {
		this.generator.close();
		this.broker.stop();
	}

	@Test
	void everyQosIsDeliveredAcknowledgedAndCounted() throws Exception {
		List<LoadClient> subscribers = this.generator.connectAll(3, (i) -> "sub-" + i, null, 3, Duration.ofSeconds(30));
		for (int qos = 0; qos <= 2; qos++) {
			subscribers.get(qos).subscribe(List.of("smoke/q" + qos), qos).get(30, TimeUnit.SECONDS);
		}
		List<LoadClient> clients = this.generator.connectAll(3, (i) -> "pub-" + i, null, 3, Duration.ofSeconds(30));
		this.generator.startMeasurement();
		for (int qos = 0; qos <= 2; qos++) {
			LoadSnapshot before = this.generator.snapshot();
			Publisher publisher = Publisher.fixed(clients.get(qos), "smoke/q" + qos, 1, qos, 64, 200);
			this.generator.publish(List.of(publisher), Duration.ofMillis(300)).get(30, TimeUnit.SECONDS);
			long acknowledgements = (qos > 0) ? this.generator.snapshot().sent() - before.sent() : 0;

			await().atMost(Duration.ofSeconds(30)).until(() -> {
				LoadSnapshot now = this.generator.snapshot();
				return now.received() == now.expected()
						&& now.acknowledged() - before.acknowledged() == acknowledgements;
			});
			LoadSnapshot after = this.generator.snapshot();
			assertThat(after.sent() - before.sent()).as("QoS %d sent", qos).isGreaterThanOrEqualTo(50);
			assertThat(after.received() - before.received()).as("QoS %d received", qos)
				.isEqualTo(after.sent() - before.sent());
		}
		LoadSnapshot snapshot = this.generator.snapshot();
		assertThat(snapshot.expected()).isEqualTo(snapshot.sent());
		assertThat(snapshot.missing()).isZero();
		assertThat(snapshot.latency().getTotalCount()).isEqualTo(snapshot.received());
		assertThat(snapshot.connected()).isEqualTo(6);
		assertThat(snapshot.unexpectedDisconnects()).isZero();
	}

	@Test
	void fanOutExpectsOneDeliveryPerSubscriber() throws Exception {
		List<LoadClient> subscribers = this.generator.connectAll(4, (i) -> "sub-" + i, null, 2, Duration.ofSeconds(30));
		List<CompletableFuture<Void>> subscribed = new ArrayList<>();
		for (LoadClient subscriber : subscribers) {
			subscribed.add(subscriber.subscribe(List.of("fan/#"), 1));
		}
		CompletableFuture.allOf(subscribed.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
		LoadClient publisher = this.generator.connect("pub", null).get(30, TimeUnit.SECONDS);
		this.generator.publish(List.of(Publisher.fixed(publisher, "fan/out", 4, 1, 16, 100)), Duration.ofMillis(300))
			.get(30, TimeUnit.SECONDS);

		await().atMost(Duration.ofSeconds(30)).until(() -> {
			LoadSnapshot now = this.generator.snapshot();
			return now.received() == now.expected() && now.acknowledged() == now.sent();
		});
		LoadSnapshot drained = this.generator.snapshot();
		assertThat(drained.sent()).isPositive();
		assertThat(drained.expected()).isEqualTo(4 * drained.sent());
		assertThat(drained.received()).isEqualTo(drained.expected());
		assertThat(drained.acknowledged()).isEqualTo(drained.sent());
	}

	@Test
	void messagesTheBrokerDropsAreCountedAsMissing() throws Exception {
		LoadClient subscriber = this.generator.connect("sub", null).get(30, TimeUnit.SECONDS);
		subscriber.subscribe(List.of("only/this"), 0).get(30, TimeUnit.SECONDS);
		LoadClient publisher = this.generator.connect("pub", null).get(30, TimeUnit.SECONDS);
		// The schedule claims a second subscriber that does not exist: half the
		// deliveries never come.
		this.generator.publish(List.of(Publisher.fixed(publisher, "only/this", 2, 0, 16, 100)), Duration.ofMillis(300))
			.get(30, TimeUnit.SECONDS);

		await().atMost(Duration.ofSeconds(30)).until(() -> {
			LoadSnapshot now = this.generator.snapshot();
			return now.received() == now.sent();
		});
		LoadSnapshot drained = this.generator.snapshot();
		assertThat(drained.missing()).isEqualTo(drained.sent());
	}

	@Test
	void refusedCredentialsFailTheConnectAndAreCounted() throws Exception {
		this.generator.close();
		this.broker.stop();
		this.broker = MqttBroker.builder()
			.host("127.0.0.1")
			.port(0)
			.sysInterval(Duration.ZERO)
			.authenticator((request) -> CompletableFuture
				.completedFuture("good".equals(request.username()) ? AuthenticationResult.accept()
						: AuthenticationResult.refuse(ReasonCode.BAD_USER_NAME_OR_PASSWORD)))
			.build();
		this.broker.start();
		this.generator = new LoadGenerator(new InetSocketAddress("127.0.0.1", this.broker.port()), 1);

		LoadClient.Credentials good = new LoadClient.Credentials("good", "pw");
		assertThat(this.generator.connect("ok", good).get(30, TimeUnit.SECONDS).clientId()).isEqualTo("ok");
		CompletableFuture<LoadClient> refused = this.generator.connect("no", new LoadClient.Credentials("bad", "pw"));
		assertThatThrownBy(() -> refused.get(30, TimeUnit.SECONDS)).hasMessageContaining("refused");
		LoadSnapshot snapshot = this.generator.snapshot();
		assertThat(snapshot.connected()).isEqualTo(1);
		assertThat(snapshot.connectFailures()).isEqualTo(1);
		assertThat(snapshot.connectLatency().getTotalCount()).isEqualTo(1);
	}

}
