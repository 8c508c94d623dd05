package dev.mqttstack.admin;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Real Eclipse Paho MQTT 3.1.1 clients against the hosted broker, recording what they
 * receive and whether they lost their connection.
 */
public final class PahoClients {

	private PahoClients() {
	}

	/**
	 * Connects a client.
	 * @throws MqttException if the broker refuses, with the CONNACK return code as reason
	 */
	public static Client connect(int port, String clientId, String username, String password) throws MqttException {
		return connect(port, clientId, username, password, true);
	}

	/**
	 * Connects a client with a clean or a persistent session.
	 * @throws MqttException if the broker refuses, with the CONNACK return code as reason
	 */
	public static Client connect(int port, String clientId, String username, String password, boolean cleanSession)
			throws MqttException {
		MqttAsyncClient client = new MqttAsyncClient("tcp://127.0.0.1:" + port, clientId, new MemoryPersistence());
		Client recorder = new Client(client);
		client.setCallback(recorder);
		MqttConnectOptions options = new MqttConnectOptions();
		options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
		options.setCleanSession(cleanSession);
		options.setAutomaticReconnect(false);
		options.setConnectionTimeout(10);
		if (username != null) {
			options.setUserName(username);
			options.setPassword(password.toCharArray());
		}
		try {
			IMqttToken connected = client.connect(options);
			connected.waitForCompletion(15_000);
			recorder.sessionPresent = connected.getSessionPresent();
		}
		catch (MqttException ex) {
			client.close(true);
			throw ex;
		}
		return recorder;
	}

	/** A connected client and what it received. */
	public static final class Client implements MqttCallback, AutoCloseable {

		private final MqttAsyncClient client;

		private final List<String> received = new CopyOnWriteArrayList<>();

		private volatile boolean lost;

		private volatile boolean sessionPresent;

		Client(MqttAsyncClient client) {
			this.client = client;
		}

		/**
		 * Subscribes and waits for the SUBACK.
		 * @return the granted QoS, 128 (0x80) when refused
		 */
		public int subscribe(String filter, int qos) throws MqttException {
			IMqttToken token = this.client.subscribe(filter, qos);
			try {
				token.waitForCompletion(10_000);
			}
			catch (MqttException ex) {
				if (ex.getReasonCode() == MqttException.REASON_CODE_SUBSCRIBE_FAILED) {
					return 128;
				}
				throw ex;
			}
			return token.getGrantedQos()[0];
		}

		/** Publishes at QoS 1 and waits for the PUBACK. */
		public void publish(String topic, String payload) throws MqttException {
			MqttMessage message = new MqttMessage(payload.getBytes());
			message.setQos(1);
			this.client.publish(topic, message).waitForCompletion(10_000);
		}

		/** Publishes a message and waits for the broker's acknowledgement, if any. */
		public void publish(String topic, byte[] payload, int qos, boolean retained) throws MqttException {
			MqttMessage message = new MqttMessage(payload);
			message.setQos(qos);
			message.setRetained(retained);
			this.client.publish(topic, message).waitForCompletion(10_000);
		}

		/** Whether the CONNACK said the broker resumed a session. */
		public boolean sessionPresent() {
			return this.sessionPresent;
		}

		/** What arrived, as {@code topic=payload}. */
		public List<String> received() {
			return this.received;
		}

		public boolean isConnected() {
			return this.client.isConnected() && !this.lost;
		}

		@Override
		public void connectionLost(Throwable cause) {
			this.lost = true;
		}

		@Override
		public void messageArrived(String topic, MqttMessage message) {
			this.received.add(topic + "=" + new String(message.getPayload()));
		}

		@Override
		public void deliveryComplete(IMqttDeliveryToken token) {
		}

		@Override
		public void close() {
			try {
				if (this.client.isConnected()) {
					this.client.disconnect().waitForCompletion(5_000);
				}
				this.client.close(true);
			}
			catch (MqttException ex) {
				// best effort
			}
		}

	}

}
