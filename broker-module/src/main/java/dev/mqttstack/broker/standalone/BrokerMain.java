package dev.mqttstack.broker.standalone;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

import dev.mqttstack.broker.MqttBroker;

/**
 * Command-line runner of a standalone broker, for quick tries and benchmarks; its options
 * follow mosquitto's.
 *
 * <pre>
 * -p, --port PORT          port to listen on (default 1883)
 * -b, --bind ADDRESS       address to bind (default 0.0.0.0)
 * -v, --verbose            log every packet
 *     --max-inflight N     unacknowledged QoS 1/2 messages per client (default 20)
 *     --max-queued N       queued QoS 1/2 messages per session (default 1000)
 *     --max-packet-size N  largest packet in bytes (default 2097152)
 *     --sys-interval S     seconds between $SYS updates, 0 for none (default 10)
 * </pre>
 */
public final class BrokerMain {

	private BrokerMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		// Before any broker class exists: the logger reads its settings once, at first
		// use.
		configureLogging(Arrays.asList(args).contains("-v") || Arrays.asList(args).contains("--verbose"));
		// Netty samples buffers for leak reports by default, at a cost on every message;
		// the tests run with it on (paranoid), a production broker without.
		if (System.getProperty("io.netty.leakDetection.level") == null) {
			System.setProperty("io.netty.leakDetection.level", "disabled");
		}
		MqttBroker.Builder builder = MqttBroker.builder();
		try {
			for (int i = 0; i < args.length; i++) {
				String option = args[i];
				switch (option) {
					case "-p", "--port" -> builder.port(Integer.parseInt(value(args, ++i, option)));
					case "-b", "--bind" -> builder.host(value(args, ++i, option));
					case "-v", "--verbose" -> {
						// read before parsing
					}
					case "--max-inflight" -> builder.maxInflight(Integer.parseInt(value(args, ++i, option)));
					case "--max-queued" -> builder.maxQueuedMessages(Integer.parseInt(value(args, ++i, option)));
					case "--max-packet-size" -> builder.maxPacketSize(Integer.parseInt(value(args, ++i, option)));
					case "--io-threads" -> builder.ioThreads(Integer.parseInt(value(args, ++i, option)));
					case "--sys-interval" ->
						builder.sysInterval(Duration.ofSeconds(Long.parseLong(value(args, ++i, option))));
					case "-h", "--help" -> {
						usage();
						return;
					}
					default -> throw new IllegalArgumentException("Unknown option " + option);
				}
			}
		}
		catch (IllegalArgumentException ex) {
			System.err.println("Error: " + ex.getMessage());
			usage();
			System.exit(2);
		}
		MqttBroker broker = builder.build();
		broker.start();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			broker.stop();
			stopped.countDown();
		}, "mqtt-shutdown"));
		stopped.await();
	}

	private static String value(String[] args, int index, String option) {
		if (index >= args.length) {
			throw new IllegalArgumentException(option + " needs a value");
		}
		return args[index];
	}

	private static void configureLogging(boolean verbose) {
		System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
		System.setProperty("org.slf4j.simpleLogger.log.dev.mqttstack", verbose ? "debug" : "info");
		System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
		System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSS");
		System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
	}

	private static void usage() {
		System.err.println(
				"""
						Usage: broker [-p port] [-b address] [-v] [--max-inflight n] [--max-queued n]
						              				              [--max-packet-size bytes] [--sys-interval seconds] [--io-threads n]
						Netty leak detection is off unless -Dio.netty.leakDetection.level says otherwise.""");
	}

}
