/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.test.inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.mqttstack.spring.autoconfigure.MqttConnectionDetails;
import dev.mqttstack.spring.connection.MqttClientConnection;
import dev.mqttstack.spring.connection.MqttClientConnections;
import dev.mqttstack.spring.connection.MqttClientSettings;
import dev.mqttstack.spring.connection.MqttSubscription;
import dev.mqttstack.spring.support.MqttHeaders;
import dev.mqttstack.spring.support.MqttPayloadConverter;
import dev.mqttstack.spring.test.broker.EmbeddedMqttBrokerServer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.messaging.Message;

/**
 * A test's own MQTT subscriber: connects with a client id of its own, subscribes to topic
 * filters and keeps what arrives, so a test can await messages instead of writing a
 * collecting listener by hand.
 *
 * <pre class="code">
 * try (MqttTestInbox alerts = MqttTestInbox.subscribe(broker, "alerts/+")) {
 *     template.send("sensors/boiler-1/telemetry", new Telemetry(85.0, 20.0));
 *     Alert alert = alerts.awaitMessage("alerts/boiler-1").payloadAs(Alert.class);
 * }
 * </pre>
 */
public final class MqttTestInbox implements AutoCloseable {

	private final MqttClientConnection connection;

	private final MqttPayloadConverter converter = new MqttPayloadConverter(JsonMapper.builder().build());

	private final List<ReceivedMqttMessage> messages = new ArrayList<>();

	private final String[] filters;

	private final MqttSubscription subscription;

	private Duration timeout = Duration.ofSeconds(10);

	private MqttTestInbox(MqttClientSettings settings, String[] filters) {
		if (filters.length == 0) {
			throw new IllegalArgumentException("Name at least one topic filter to subscribe to");
		}
		this.filters = filters.clone();
		this.connection = MqttClientConnections.create(settings, null);
		this.connection.start();
		try {
			this.connection.whenConnected().get(settings.getConnectionTimeout().toMillis(), TimeUnit.MILLISECONDS);
			int[] qos = new int[filters.length];
			Arrays.fill(qos, 2);
			this.subscription = this.connection.subscribe(this.filters, qos, this::receive);
			this.subscription.start();
		}
		catch (Exception ex) {
			this.connection.stop();
			throw new IllegalStateException("Test inbox could not subscribe to " + Arrays.toString(filters) + " at "
					+ settings.getUrl() + ": " + ex, ex);
		}
	}

	/**
	 * Subscribe to an embedded broker, as its first user and trusting its certificate.
	 * @param broker the broker
	 * @param filters the topic filters
	 * @return the inbox, subscribed
	 */
	public static MqttTestInbox subscribe(EmbeddedMqttBrokerServer broker, String... filters) {
		MqttClientSettings settings = settings(broker.getUrl());
		settings.setUsername(broker.getUsername());
		settings.setPassword(broker.getPassword());
		if (broker.getCertificate() != null) {
			settings.setSocketFactory(broker.getSslContext().getSocketFactory());
		}
		return new MqttTestInbox(settings, filters);
	}

	/**
	 * Subscribe to the broker an application connects to, as it connects: URL, user and
	 * SSL bundle of its {@link MqttConnectionDetails} (from {@code mqtt.*} properties or
	 * a service connection), over MQTT 5 with a client id of the inbox's own.
	 * @param connectionDetails the application's connection details
	 * @param filters the topic filters
	 * @return the inbox, subscribed
	 */
	public static MqttTestInbox subscribe(MqttConnectionDetails connectionDetails, String... filters) {
		MqttClientSettings settings = settings(connectionDetails.getUrl());
		settings.setUsername(connectionDetails.getUsername());
		settings.setPassword(connectionDetails.getPassword());
		SslBundle bundle = connectionDetails.getSslBundle();
		if (bundle != null) {
			settings.setSocketFactory(bundle.createSslContext().getSocketFactory());
		}
		return new MqttTestInbox(settings, filters);
	}

	/**
	 * Subscribe to a broker at a URL, over MQTT 5 without credentials.
	 * @param url the broker URL
	 * @param filters the topic filters
	 * @return the inbox, subscribed
	 */
	public static MqttTestInbox subscribe(String url, String... filters) {
		return new MqttTestInbox(settings(url), filters);
	}

	/**
	 * Subscribe with connection settings of the test's choosing.
	 * @param settings the settings; the client id should be unique
	 * @param filters the topic filters
	 * @return the inbox, subscribed
	 */
	public static MqttTestInbox subscribe(MqttClientSettings settings, String... filters) {
		return new MqttTestInbox(settings, filters);
	}

	private static MqttClientSettings settings(String url) {
		MqttClientSettings settings = new MqttClientSettings();
		settings.setUrl(url);
		settings.setClientId("test-inbox-" + UUID.randomUUID().toString().substring(0, 8));
		return settings;
	}

	/**
	 * Set how long the {@code await} methods wait; 10 seconds by default.
	 * @param timeout the timeout
	 * @return this inbox
	 */
	public MqttTestInbox timeout(Duration timeout) {
		this.timeout = timeout;
		return this;
	}

	private void receive(Message<byte[]> message, Runnable acknowledgment) {
		Integer qos = message.getHeaders().get(MqttHeaders.RECEIVED_QOS, Integer.class);
		Boolean retained = message.getHeaders().get(MqttHeaders.RECEIVED_RETAINED, Boolean.class);
		ReceivedMqttMessage received = new ReceivedMqttMessage(
				message.getHeaders().get(MqttHeaders.RECEIVED_TOPIC, String.class), message.getPayload(),
				(qos != null) ? qos : 0, Boolean.TRUE.equals(retained), message.getHeaders(), this.converter);
		synchronized (this.messages) {
			this.messages.add(received);
			this.messages.notifyAll();
		}
		acknowledgment.run();
	}

	/**
	 * Return what arrived so far, in order.
	 * @return a copy of the messages
	 */
	public List<ReceivedMqttMessage> getMessages() {
		synchronized (this.messages) {
			return List.copyOf(this.messages);
		}
	}

	/**
	 * Wait for the first message.
	 * @return the message
	 * @throws AssertionError if none arrives in time
	 */
	public ReceivedMqttMessage awaitMessage() {
		return awaitMessage((message) -> true, "any message");
	}

	/**
	 * Wait for the first message published to a topic.
	 * @param topic the topic name
	 * @return the message
	 * @throws AssertionError if none arrives in time
	 */
	public ReceivedMqttMessage awaitMessage(String topic) {
		return awaitMessage((message) -> topic.equals(message.topic()), "a message on '" + topic + "'");
	}

	/**
	 * Wait for the first message that matches a condition.
	 * @param condition the condition
	 * @param description what is awaited, for the failure message
	 * @return the message
	 * @throws AssertionError if none arrives in time
	 */
	public ReceivedMqttMessage awaitMessage(Predicate<ReceivedMqttMessage> condition, String description) {
		return await(() -> this.messages.stream().filter(condition).findFirst().orElse(null), description);
	}

	/**
	 * Wait until at least a number of messages arrived.
	 * @param count how many
	 * @return the first {@code count} messages
	 * @throws AssertionError if fewer arrive in time
	 */
	public List<ReceivedMqttMessage> awaitMessages(int count) {
		return await(() -> (this.messages.size() >= count) ? List.copyOf(this.messages.subList(0, count)) : null,
				count + " messages");
	}

	private <T> T await(Supplier<T> found, String description) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		synchronized (this.messages) {
			while (true) {
				T result = found.get();
				if (result != null) {
					return result;
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new AssertionError("Waited " + this.timeout + " for " + description + " on "
							+ Arrays.toString(this.filters) + "; received " + this.messages);
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this.messages, left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new AssertionError("Interrupted while waiting for " + description, ex);
				}
			}
		}
	}

	/**
	 * Unsubscribe and disconnect.
	 */
	@Override
	public void close() {
		try {
			this.subscription.close();
		}
		finally {
			this.connection.stop();
		}
	}

}
