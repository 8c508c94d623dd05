package dev.mqttstack.broker.testsupport;

import java.time.Duration;

import dev.mqttstack.broker.MqttBroker;

/**
 * Builders of brokers for tests: loopback, a free port, no {@code $SYS} noise.
 */
public final class TestBrokers {

	private TestBrokers() {
	}

	public static MqttBroker.Builder builder() {
		return MqttBroker.builder().host("127.0.0.1").port(0).sysInterval(Duration.ZERO).ioThreads(2);
	}

	public static MqttBroker started() {
		MqttBroker broker = builder().build();
		broker.start();
		return broker;
	}

	public static String tcpUrl(MqttBroker broker) {
		return "tcp://127.0.0.1:" + broker.port();
	}

}
