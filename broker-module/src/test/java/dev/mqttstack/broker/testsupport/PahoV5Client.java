package dev.mqttstack.broker.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import dev.mqttstack.broker.MqttBroker;

/**
 * An Eclipse Paho MQTT 5 client of a test broker, with a {@link PahoV5Inbox} as its
 * callback; every operation waits for its token and returns it, so that tests read the
 * reason codes and properties Paho hands to an application.
 */
public final class PahoV5Client implements AutoCloseable {

	private static final long TIMEOUT_MILLIS = 10_000;

	private final MqttAsyncClient paho;

	private final PahoV5Inbox inbox = new PahoV5Inbox();

	private PahoV5Client(MqttAsyncClient paho) {
		this.paho = paho;
		paho.setCallback(this.inbox);
	}

	/** A client not yet connected; an empty identifier asks the broker for one. */
	public static PahoV5Client create(MqttBroker broker, String clientId) {
		try {
			return new PahoV5Client(new MqttAsyncClient(TestBrokers.tcpUrl(broker), clientId, new MemoryPersistence()));
		}
		catch (MqttException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A client connected with the {@link #options defaults}.
	 * @throws IllegalStateException when the broker refuses it
	 */
	public static PahoV5Client connected(MqttBroker broker, String clientId) {
		PahoV5Client client = create(broker, clientId);
		try {
			client.connect();
			return client;
		}
		catch (MqttException ex) {
			client.close();
			throw new IllegalStateException("Cannot connect " + clientId, ex);
		}
	}

	/** The options every test starts from: clean start, no reconnect, short timeouts. */
	public static MqttConnectionOptions options(Consumer<MqttConnectionOptions> customizer) {
		MqttConnectionOptions options = new MqttConnectionOptions();
		options.setCleanStart(true);
		options.setAutomaticReconnect(false);
		options.setConnectionTimeout(5);
		options.setKeepAliveInterval(60);
		customizer.accept(options);
		return options;
	}

	public IMqttToken connect() throws MqttException {
		return connect((options) -> {
		});
	}

	/**
	 * Connects and waits for CONNACK.
	 * @return the completed token: session present, CONNACK properties
	 * @throws MqttException with the CONNACK reason code when refused
	 */
	public IMqttToken connect(Consumer<MqttConnectionOptions> customizer) throws MqttException {
		return complete(this.paho.connect(options(customizer)));
	}

	public IMqttToken publish(String topic, String payload, int qos) throws MqttException {
		return publish(topic, message(payload, qos, new MqttProperties()));
	}

	public IMqttToken publish(String topic, MqttMessage message) throws MqttException {
		return complete(this.paho.publish(topic, message));
	}

	public IMqttToken subscribe(String topicFilter, int qos) throws MqttException {
		return subscribe(new MqttProperties(), new MqttSubscription(topicFilter, qos));
	}

	public IMqttToken subscribe(MqttProperties properties, MqttSubscription... subscriptions) throws MqttException {
		return complete(this.paho.subscribe(subscriptions, null, null, properties));
	}

	public IMqttToken unsubscribe(String... topicFilters) throws MqttException {
		return complete(this.paho.unsubscribe(topicFilters));
	}

	public void disconnect() throws MqttException {
		complete(this.paho.disconnect());
	}

	/** Ends the connection without DISCONNECT, as a crashed device does. */
	public void dropConnection() throws MqttException {
		this.paho.disconnectForcibly(0, 0, false);
	}

	public MqttAsyncClient paho() {
		return this.paho;
	}

	public PahoV5Inbox inbox() {
		return this.inbox;
	}

	/**
	 * Ends the connection at once, without DISCONNECT, and closes, quietly: the clean-up
	 * of a test, where a graceful disconnect would only cost time.
	 */
	@Override
	public void close() {
		try {
			if (this.paho.isConnected()) {
				this.paho.disconnectForcibly(0, 0, false);
			}
			this.paho.close(true);
		}
		catch (MqttException ex) {
			// best effort
		}
	}

	public static MqttMessage message(String payload, int qos, MqttProperties properties) {
		return new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), qos, false, properties);
	}

	private static IMqttToken complete(IMqttToken token) throws MqttException {
		token.waitForCompletion(TIMEOUT_MILLIS);
		return token;
	}

}
