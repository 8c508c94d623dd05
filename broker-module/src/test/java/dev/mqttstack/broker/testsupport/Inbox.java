package dev.mqttstack.broker.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttMessage;

import static org.awaitility.Awaitility.await;

/**
 * Collects what a Paho subscription receives, for assertions; also a client callback, for
 * the messages of subscriptions a resumed session restored.
 */
public final class Inbox implements IMqttMessageListener, MqttCallback {

	private final List<Received> messages = new CopyOnWriteArrayList<>();

	@Override
	public void messageArrived(String topic, MqttMessage message) {
		this.messages.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8),
				message.getPayload(), message.getQos(), message.isRetained(), message.isDuplicate()));
	}

	@Override
	public void connectionLost(Throwable cause) {
	}

	@Override
	public void deliveryComplete(IMqttDeliveryToken token) {
	}

	public List<Received> messages() {
		return List.copyOf(this.messages);
	}

	public List<String> payloads() {
		return this.messages.stream().map(Received::text).toList();
	}

	/** Waits until at least this many messages arrived. */
	public List<Received> awaitCount(int count) {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.messages.size() >= count);
		return messages();
	}

	/**
	 * One received message.
	 */
	public record Received(String topic, String text, byte[] payload, int qos, boolean retained, boolean duplicate) {
	}

}
