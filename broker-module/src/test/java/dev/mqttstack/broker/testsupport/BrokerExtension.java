package dev.mqttstack.broker.testsupport;

import java.nio.file.Path;
import java.util.function.Consumer;

import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.mqttstack.broker.MqttBroker;

/**
 * The broker of a test class: started on loopback and a free port (see
 * {@link TestBrokers#builder()}) before the tests, stopped after them, with every client
 * it handed out closed first. Registered on a static field it lives for the whole class;
 * on an instance field, for each test method, and its configuration may then read the
 * test instance's fields:
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * final BrokerExtension brokerExtension = BrokerExtension.withConfig((b) -&gt; b.events(this.events));
 * </pre>
 *
 * Clients made through it ({@link #paho}, {@link #pahoV5}, {@link #hiveMq5},
 * {@link #mosquitto}) and anything passed to {@link #closeAfterTest} are closed after the
 * test that made them (or, made in {@code @BeforeAll}, after the class), newest first
 * (see {@link TestClients}); mosquitto processes are killed by their handle, never by
 * name.
 */
public final class BrokerExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

	private final Consumer<MqttBroker.Builder> config;

	private final TestClients classClients = new TestClients();

	private final TestClients testClients = new TestClients();

	private boolean perClass;

	private volatile boolean inTest;

	private MqttBroker broker;

	private BrokerExtension(Consumer<MqttBroker.Builder> config) {
		this.config = config;
	}

	/** A broker with the test defaults only. */
	public static BrokerExtension create() {
		return withConfig((builder) -> {
		});
	}

	/** A broker with the test defaults, then this configuration. */
	public static BrokerExtension withConfig(Consumer<MqttBroker.Builder> config) {
		return new BrokerExtension(config);
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.perClass = true;
		start();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (!this.perClass) {
			start();
		}
		this.inTest = true;
	}

	@Override
	public void afterEach(ExtensionContext context) throws Exception {
		this.inTest = false;
		try {
			this.testClients.closeAll();
		}
		finally {
			if (!this.perClass) {
				stop();
			}
		}
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		try {
			this.classClients.closeAll();
		}
		finally {
			stop();
		}
	}

	/** The running broker. */
	public MqttBroker broker() {
		if (this.broker == null) {
			throw new IllegalStateException("The broker runs only while a test does");
		}
		return this.broker;
	}

	public String host() {
		return "127.0.0.1";
	}

	/** The port of the first listener. */
	public int port() {
		return broker().port();
	}

	/** The port of a named listener. */
	public int port(String listener) {
		return broker().port(listener);
	}

	/** {@code tcp://127.0.0.1:port}, as Paho takes it. */
	public String url() {
		return TestBrokers.tcpUrl(broker());
	}

	/**
	 * The clients of the current test, closed after it; outside of a test (in
	 * {@code @BeforeAll}), those of the class, closed after it.
	 */
	public TestClients clients() {
		return (this.inTest || !this.perClass) ? this.testClients : this.classClients;
	}

	/** A Paho MQTT 3.1.1 client, connected with the {@link PahoClients} defaults. */
	public MqttClient paho(String clientId) {
		return clients().paho(broker(), clientId);
	}

	/** A Paho MQTT 3.1.1 client, connected with these options over the defaults. */
	public MqttClient paho(String clientId, Consumer<MqttConnectOptions> customizer) {
		return clients().paho(broker(), clientId, customizer);
	}

	/** A Paho MQTT 5 client, not yet connected. */
	public PahoV5Client pahoV5(String clientId) {
		return clients().pahoV5(broker(), clientId);
	}

	/** A Paho MQTT 5 client, connected with the {@link PahoV5Client} defaults. */
	public PahoV5Client pahoV5Connected(String clientId) {
		return clients().pahoV5Connected(broker(), clientId);
	}

	/** A HiveMQ MQTT 5 client, not yet connected. */
	public Mqtt5BlockingClient hiveMq5(String clientId) {
		return clients().hiveMq5(broker(), clientId);
	}

	/** A HiveMQ MQTT 3.1.1 client, not yet connected. */
	public Mqtt3BlockingClient hiveMq3(String clientId) {
		return clients().hiveMq3(broker(), clientId);
	}

	/** {@code mosquitto_pub} and {@code mosquitto_sub} against this broker. */
	public MosquittoClients mosquitto(Path workDir) {
		return clients().mosquitto(broker(), workDir);
	}

	/** Closes this after the current test (or after the class, outside of a test). */
	public <T extends AutoCloseable> T closeAfterTest(T closeable) {
		return clients().closeAfterTest(closeable);
	}

	private void start() {
		MqttBroker.Builder builder = TestBrokers.builder();
		this.config.accept(builder);
		this.broker = builder.build();
		this.broker.start();
	}

	private void stop() {
		if (this.broker != null) {
			this.broker.stop();
			this.broker = null;
		}
	}

}
