package dev.mqttstack.broker.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import static org.awaitility.Awaitility.await;

/**
 * Collects what an Eclipse Paho MQTT 5 client is told through its {@link MqttCallback}:
 * messages with their properties, and why the connection ended.
 */
public final class PahoV5Inbox implements MqttCallback {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final List<Received> messages = new CopyOnWriteArrayList<>();

	private final List<MqttDisconnectResponse> disconnections = new CopyOnWriteArrayList<>();

	@Override
	public void messageArrived(String topic, MqttMessage message) {
		this.messages.add(new Received(topic, message));
	}

	@Override
	public void disconnected(MqttDisconnectResponse response) {
		this.disconnections.add(response);
	}

	@Override
	public void mqttErrorOccurred(MqttException exception) {
	}

	@Override
	public void deliveryComplete(IMqttToken token) {
	}

	@Override
	public void connectComplete(boolean reconnect, String serverURI) {
	}

	@Override
	public void authPacketArrived(int reasonCode, MqttProperties properties) {
	}

	public List<Received> messages() {
		return List.copyOf(this.messages);
	}

	public List<String> payloads() {
		return this.messages.stream().map(Received::text).toList();
	}

	/** Waits until at least this many messages arrived. */
	public List<Received> awaitCount(int count) {
		await().atMost(TIMEOUT).until(() -> this.messages.size() >= count);
		return messages();
	}

	/** Waits until the connection ended; returns what the client was told. */
	public MqttDisconnectResponse awaitDisconnected() {
		await().atMost(TIMEOUT).until(() -> !this.disconnections.isEmpty());
		return this.disconnections.get(0);
	}

	public List<MqttDisconnectResponse> disconnections() {
		return List.copyOf(this.disconnections);
	}

	/**
	 * One received message, as the application sees it.
	 */
	public record Received(String topic, MqttMessage message) {

		public String text() {
			return new String(this.message.getPayload(), StandardCharsets.UTF_8);
		}

		public MqttProperties properties() {
			return this.message.getProperties();
		}

	}

}
