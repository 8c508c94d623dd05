package dev.mqttstack.broker.testsupport;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.mqttstack.broker.MqttBroker;

/**
 * The clients of a test, closed after it, newest first: Paho MQTT 3.1.1 and 5, HiveMQ
 * MQTT 5 and 3.1.1, mosquitto processes (killed by their handle) and anything else handed
 * to {@link #closeAfterTest}. Register it on a field where each test starts its own
 * broker, naming the field that holds it, so that the broker stops after its clients:
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * final TestClients clients = TestClients.thenStopping(() -&gt; this.broker);
 * </pre>
 *
 * {@link BrokerExtension} holds one for the broker it starts. Only the client libraries a
 * test uses need to be on its class path.
 */
public final class TestClients implements AfterEachCallback, AfterAllCallback {

	private final Deque<AutoCloseable> closeables = new ArrayDeque<>();

	private final Supplier<MqttBroker> broker;

	/** Clients only; whoever started the broker stops it. */
	public TestClients() {
		this(() -> null);
	}

	private TestClients(Supplier<MqttBroker> broker) {
		this.broker = broker;
	}

	/**
	 * Clients, and after them the broker the supplier returns then, if any: the one a
	 * test started itself.
	 */
	public static TestClients thenStopping(Supplier<MqttBroker> broker) {
		return new TestClients(broker);
	}

	@Override
	public void afterEach(ExtensionContext context) throws Exception {
		try {
			closeAll();
		}
		finally {
			MqttBroker started = this.broker.get();
			if (started != null) {
				started.stop();
			}
		}
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		closeAll();
	}

	/** A Paho MQTT 3.1.1 client, connected with the {@link PahoClients} defaults. */
	public MqttClient paho(MqttBroker broker, String clientId) {
		return paho(broker, clientId, (options) -> {
		});
	}

	/** A Paho MQTT 3.1.1 client, connected with these options over the defaults. */
	public MqttClient paho(MqttBroker broker, String clientId, Consumer<MqttConnectOptions> customizer) {
		return add(PahoClients.connect(broker, clientId, customizer));
	}

	/** A Paho MQTT 5 client, not yet connected. */
	public PahoV5Client pahoV5(MqttBroker broker, String clientId) {
		return closeAfterTest(PahoV5Client.create(broker, clientId));
	}

	/** A Paho MQTT 5 client, connected with the {@link PahoV5Client} defaults. */
	public PahoV5Client pahoV5Connected(MqttBroker broker, String clientId) {
		return closeAfterTest(PahoV5Client.connected(broker, clientId));
	}

	/** A HiveMQ MQTT 5 client, not yet connected. */
	public Mqtt5BlockingClient hiveMq5(MqttBroker broker, String clientId) {
		return add(HiveMqClients.mqtt5(broker.port(), clientId));
	}

	/** A HiveMQ MQTT 3.1.1 client, not yet connected. */
	public Mqtt3BlockingClient hiveMq3(MqttBroker broker, String clientId) {
		return add(HiveMqClients.mqtt3(broker.port(), clientId));
	}

	/** Disconnects this HiveMQ client after the test, if it is still connected. */
	public Mqtt5BlockingClient add(Mqtt5BlockingClient client) {
		closeAfterTest(() -> HiveMqClients.disconnectQuietly(client));
		return client;
	}

	/** Disconnects this HiveMQ client after the test, if it is still connected. */
	public Mqtt3BlockingClient add(Mqtt3BlockingClient client) {
		closeAfterTest(() -> HiveMqClients.disconnectQuietly(client));
		return client;
	}

	/** Disconnects and closes this Paho client after the test. */
	public MqttClient add(MqttClient client) {
		closeAfterTest(() -> PahoClients.closeQuietly(client));
		return client;
	}

	/** {@code mosquitto_pub} and {@code mosquitto_sub} against this broker. */
	public MosquittoClients mosquitto(MqttBroker broker, Path workDir) {
		return closeAfterTest(new MosquittoClients(broker, workDir));
	}

	/** Closes this after the current test (or after the class, outside of a test). */
	public <T extends AutoCloseable> T closeAfterTest(T closeable) {
		synchronized (this.closeables) {
			this.closeables.push(closeable);
		}
		return closeable;
	}

	/**
	 * Closes everything tracked, newest first; the first failure is thrown at the end.
	 */
	public void closeAll() throws Exception {
		Exception failure = null;
		while (true) {
			AutoCloseable next;
			synchronized (this.closeables) {
				next = this.closeables.poll();
			}
			if (next == null) {
				break;
			}
			try {
				next.close();
			}
			catch (Exception ex) {
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

}
