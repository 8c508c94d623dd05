package dev.mqttstack.broker.testsupport;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;

import dev.mqttstack.broker.MqttBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The lifecycle the shared fixtures promise: a broker per test or per class, the clients
 * of a test closed after it, and a broker a test started itself stopped after its
 * clients. The callbacks are driven by hand, as JUnit would call them.
 */
class BrokerExtensionTests {

	@Test
	void onAnInstanceFieldEachTestGetsItsOwnBrokerAndItsClientsAreClosedAfterIt() throws Exception {
		BrokerExtension extension = BrokerExtension.withConfig((builder) -> builder.maxQueuedMessages(7));
		extension.beforeEach(null);
		MqttBroker first = extension.broker();
		assertThat(first.isRunning()).isTrue();
		assertThat(extension.url()).isEqualTo("tcp://127.0.0.1:" + extension.port());
		MqttClient client = extension.paho("lifecycle");
		assertThat(first.clients()).hasSize(1);
		extension.afterEach(null);
		assertThat(client.isConnected()).isFalse();
		assertThat(first.isRunning()).isFalse();
		assertThatIllegalStateException().isThrownBy(extension::broker);

		extension.beforeEach(null);
		assertThat(extension.broker()).isNotSameAs(first);
		extension.afterEach(null);
	}

	@Test
	void onAStaticFieldTheBrokerAndTheClientsOfBeforeAllLastForTheClass() throws Exception {
		BrokerExtension extension = BrokerExtension.create();
		extension.beforeAll(null);
		MqttBroker broker = extension.broker();
		MqttClient ofTheClass = extension.paho("class-client");
		extension.beforeEach(null);
		MqttClient ofTheTest = extension.paho("test-client");
		extension.afterEach(null);
		assertThat(ofTheTest.isConnected()).isFalse();
		assertThat(ofTheClass.isConnected()).isTrue();
		assertThat(broker.isRunning()).isTrue();
		extension.beforeEach(null);
		assertThat(extension.broker()).isSameAs(broker);
		extension.afterEach(null);
		extension.afterAll(null);
		assertThat(ofTheClass.isConnected()).isFalse();
		assertThat(broker.isRunning()).isFalse();
	}

	@Test
	void aBrokerATestStartedItselfStopsAfterItsClients() throws Exception {
		MqttBroker[] started = new MqttBroker[1];
		TestClients clients = TestClients.thenStopping(() -> started[0]);
		started[0] = TestBrokers.started();
		MqttClient client = clients.paho(started[0], "own-broker");
		assertThat(started[0].clients()).hasSize(1);
		clients.afterEach(null);
		assertThat(client.isConnected()).isFalse();
		assertThat(started[0].isRunning()).isFalse();
	}

}
