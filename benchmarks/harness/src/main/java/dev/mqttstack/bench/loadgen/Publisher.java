package dev.mqttstack.bench.loadgen;

import java.util.function.LongFunction;
import java.util.function.ToIntFunction;

/**
 * What one connected client publishes on the open-loop schedule.
 *
 * @param client the publishing connection
 * @param topics the topic of the n-th message
 * @param fanOut how many deliveries a message on a topic should produce
 * @param qos the QoS
 * @param size the payload size in bytes
 * @param ratePerSecond messages per second, kept whatever the broker does
 */
public record Publisher(LoadClient client, LongFunction<String> topics, ToIntFunction<String> fanOut, int qos, int size,
		double ratePerSecond) {

	/** One topic, each message delivered {@code fanOut} times. */
	public static Publisher fixed(LoadClient client, String topic, int fanOut, int qos, int size,
			double ratePerSecond) {
		return new Publisher(client, (n) -> topic, (t) -> fanOut, qos, size, ratePerSecond);
	}

}
