/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Publishes with Mosquitto's own client, {@code mosquitto_pub}, over MQTT 5: a client
 * independent of the starter and of Paho.
 */
public final class MosquittoPublisher {

	private static final Path BINARY = Path.of("/usr/bin/mosquitto_pub");

	private MosquittoPublisher() {
	}

	/**
	 * Publish each line as one message and wait until all are acknowledged.
	 * @param url the broker's {@code tcp://host:port} URL
	 * @param topic the topic
	 * @param qos the QoS
	 * @param lines the payloads, one message each
	 */
	public static void publishLines(String url, String topic, int qos, List<String> lines) {
		URI uri = URI.create(url);
		List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-V", "5", "-h", uri.getHost(), "-p",
				String.valueOf(uri.getPort()), "-t", topic, "-q", String.valueOf(qos), "-l"));
		try {
			Path log = Files.createTempFile("mosquitto_pub", ".log");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			try (OutputStream input = process.getOutputStream()) {
				for (String line : lines) {
					input.write((line + "\n").getBytes(StandardCharsets.UTF_8));
				}
			}
			if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException("mosquitto_pub failed: " + Files.readString(log));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
