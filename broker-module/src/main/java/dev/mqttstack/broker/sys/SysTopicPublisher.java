package dev.mqttstack.broker.sys;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

import dev.mqttstack.broker.message.Message;

/**
 * Publishes the broker's state to retained {@code $SYS/broker/...} topics, with
 * mosquitto's topic names.
 */
public final class SysTopicPublisher implements Runnable {

	private final String version;

	private final BrokerMetrics metrics;

	private final IntSupplier sessions;

	private final IntSupplier subscriptions;

	private final IntSupplier retained;

	private final Consumer<Message> publisher;

	public SysTopicPublisher(String version, BrokerMetrics metrics, IntSupplier sessions, IntSupplier subscriptions,
			IntSupplier retained, Consumer<Message> publisher) {
		this.version = version;
		this.metrics = metrics;
		this.sessions = sessions;
		this.subscriptions = subscriptions;
		this.retained = retained;
		this.publisher = publisher;
	}

	@Override
	public void run() {
		snapshot().forEach((topic, value) -> this.publisher.accept(Message.of(topic, value, 0, true)));
	}

	/**
	 * The current values by topic.
	 * @return topic to value, in publishing order
	 */
	public Map<String, String> snapshot() {
		int connected = this.metrics.clientsConnected();
		int total = Math.max(this.sessions.getAsInt(), connected);
		Map<String, String> values = new LinkedHashMap<>();
		values.put("$SYS/broker/version", "mqtt-stack version " + this.version);
		values.put("$SYS/broker/uptime", this.metrics.uptimeSeconds() + " seconds");
		values.put("$SYS/broker/clients/connected", Integer.toString(connected));
		values.put("$SYS/broker/clients/disconnected", Integer.toString(total - connected));
		values.put("$SYS/broker/clients/total", Integer.toString(total));
		values.put("$SYS/broker/clients/maximum", Integer.toString(this.metrics.clientsMaximum()));
		values.put("$SYS/broker/messages/received", Long.toString(this.metrics.messagesReceived()));
		values.put("$SYS/broker/messages/sent", Long.toString(this.metrics.messagesSent()));
		values.put("$SYS/broker/publish/messages/dropped", Long.toString(this.metrics.messagesDropped()));
		values.put("$SYS/broker/bytes/received", Long.toString(this.metrics.bytesReceived()));
		values.put("$SYS/broker/bytes/sent", Long.toString(this.metrics.bytesSent()));
		values.put("$SYS/broker/subscriptions/count", Integer.toString(this.subscriptions.getAsInt()));
		values.put("$SYS/broker/retained messages/count", Integer.toString(this.retained.getAsInt()));
		return values;
	}

}
