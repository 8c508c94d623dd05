package dev.mqttstack.admin.persistence;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A real Eclipse Paho MQTT 3.1.1 client that counts every payload it receives, so a test
 * can tell at-least-once from exactly-once, message by message.
 */
final class DurableClient implements MqttCallback, AutoCloseable {

	private final MqttAsyncClient client;

	private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

	private final AtomicInteger total = new AtomicInteger();

	private final AtomicInteger duplicates = new AtomicInteger();

	private final List<MqttMessage> unacknowledged = new ArrayList<>();

	private final boolean manualAcks;

	private boolean sessionPresent;

	private DurableClient(MqttAsyncClient client, boolean manualAcks) {
		this.client = client;
		this.manualAcks = manualAcks;
	}

	/**
	 * Connects a client.
	 * @param port the MQTT port
	 * @param clientId the client identifier
	 * @param cleanSession whether to start a clean session
	 * @param manualAcks whether to hold back PUBACKs, leaving messages in flight
	 * @return the connected client
	 */
	static DurableClient connect(int port, String clientId, boolean cleanSession, boolean manualAcks)
			throws MqttException {
		MqttAsyncClient client = new MqttAsyncClient("tcp://127.0.0.1:" + port, clientId, new MemoryPersistence());
		DurableClient durable = new DurableClient(client, manualAcks);
		client.setCallback(durable);
		client.setManualAcks(manualAcks);
		MqttConnectOptions options = new MqttConnectOptions();
		options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
		options.setCleanSession(cleanSession);
		options.setAutomaticReconnect(false);
		options.setMaxInflight(1000);
		options.setConnectionTimeout(10);
		options.setKeepAliveInterval(60);
		IMqttToken connected = client.connect(options);
		connected.waitForCompletion(15_000);
		durable.sessionPresent = connected.getSessionPresent();
		return durable;
	}

	void subscribe(String filter, int qos) throws MqttException {
		this.client.subscribe(filter, qos).waitForCompletion(10_000);
	}

	/**
	 * Publishes without waiting for the acknowledgement.
	 * @return the token that completes with the PUBACK / PUBCOMP
	 */
	IMqttDeliveryToken publish(String topic, String payload, int qos, boolean retain) throws MqttException {
		MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
		message.setQos(qos);
		message.setRetained(retain);
		return this.client.publish(topic, message);
	}

	/**
	 * Publishes without waiting, telling the listener of the acknowledgement.
	 */
	void publish(String topic, String payload, int qos, IMqttActionListener listener) throws MqttException {
		MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
		message.setQos(qos);
		this.client.publish(topic, message, null, listener);
	}

	/**
	 * Publishes messages numbered 0 to count - 1 and waits for every acknowledgement.
	 */
	void publishAll(String topic, String prefix, int count, int qos) throws MqttException {
		List<IMqttToken> tokens = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			tokens.add(publish(topic, prefix + i, qos, false));
		}
		for (IMqttToken token : tokens) {
			token.waitForCompletion(30_000);
		}
	}

	boolean sessionPresent() {
		return this.sessionPresent;
	}

	int count(String payload) {
		AtomicInteger count = this.counts.get(payload);
		return (count != null) ? count.get() : 0;
	}

	Map<String, AtomicInteger> counts() {
		return this.counts;
	}

	int total() {
		return this.total.get();
	}

	int duplicates() {
		return this.duplicates.get();
	}

	@Override
	public void messageArrived(String topic, MqttMessage message) {
		this.counts
			.computeIfAbsent(new String(message.getPayload(), StandardCharsets.UTF_8), (payload) -> new AtomicInteger())
			.incrementAndGet();
		this.total.incrementAndGet();
		if (message.isDuplicate()) {
			this.duplicates.incrementAndGet();
		}
		if (this.manualAcks) {
			synchronized (this.unacknowledged) {
				this.unacknowledged.add(message);
			}
		}
	}

	@Override
	public void connectionLost(Throwable cause) {
	}

	@Override
	public void deliveryComplete(IMqttDeliveryToken token) {
	}

	/** Disconnects, keeping a persistent session on the broker. */
	void disconnect() {
		try {
			if (this.client.isConnected()) {
				this.client.disconnect().waitForCompletion(5_000);
			}
		}
		catch (MqttException ex) {
			// the broker may be gone already
		}
	}

	@Override
	public void close() {
		disconnect();
		try {
			this.client.close(true);
		}
		catch (MqttException ex) {
			// best effort
		}
	}

}
