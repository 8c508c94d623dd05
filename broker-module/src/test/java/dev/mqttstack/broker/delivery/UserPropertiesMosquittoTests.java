package dev.mqttstack.broker.delivery;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.testsupport.MosquittoClients;
import dev.mqttstack.broker.testsupport.MosquittoProcess;
import dev.mqttstack.broker.testsupport.RecordingEvents;
import dev.mqttstack.broker.testsupport.TestBrokers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * MQTT 5 user properties as Debian's {@code mosquitto_sub -V 5 -F '%t %p %P'} prints
 * them, on the paths where they were once lost: one subscriber, and a retained message
 * delivered on SUBSCRIBE; a PUBLISH whose only property is a user property among them.
 * Skipped with a {@code [SKIPPED]} line when the binaries are missing, unless
 * {@code CI=true}, where that is a failure.
 */
class UserPropertiesMosquittoTests {

	private static final RecordingEvents events = new RecordingEvents();

	private static MqttBroker broker;

	private MosquittoClients mosquitto;

	@BeforeAll
	static void startBroker() {
		List<String> missing = MosquittoClients.missing();
		if (!missing.isEmpty()) {
			String reason = "missing " + String.join(" and ", missing) + "; install Debian's mosquitto-clients";
			if ("true".equals(System.getenv("CI"))) {
				fail("CI=true: " + reason);
			}
			System.out.println("[SKIPPED] UserPropertiesMosquittoTests: " + reason);
			return;
		}
		broker = TestBrokers.builder().events(events).build();
		broker.start();
	}

	@AfterAll
	static void stopBroker() {
		if (broker != null) {
			broker.stop();
		}
	}

	@BeforeEach
	void clients(@TempDir Path output) {
		Assumptions.assumeTrue(broker != null, "mosquitto clients missing");
		this.mosquitto = new MosquittoClients(broker, output);
	}

	@AfterEach
	void stopClients() {
		if (this.mosquitto != null) {
			this.mosquitto.close();
		}
	}

	@ParameterizedTest(name = "QoS {0}")
	@ValueSource(ints = { 0, 1, 2 })
	void aSingleSubscriberGetsUserPropertiesThatAreThePublishsOnlyProperties(int qos) {
		String topic = "up/one/" + qos;
		String clientId = "up-one-" + qos;
		MosquittoProcess sub = this.mosquitto.sub("-V", "5", "-i", clientId, "-q", "" + qos, "-t", topic, "-F",
				"%t %p %P", "-C", "1", "-W", "10");
		events.awaitSubscribed(clientId, topic);
		MosquittoProcess pub = this.mosquitto.pub("-V", "5", "-q", "" + qos, "-t", topic, "-m", "hi", "-D", "publish",
				"user-property", "k", "v", "-D", "publish", "user-property", "k", "w", "-D", "publish", "user-property",
				"a", "b");
		assertThat(pub.awaitExit()).as(pub.toString()).isZero();
		assertThat(sub.awaitExit()).as(sub.toString()).isZero();
		assertThat(sub.messages()).containsExactly(topic + " hi k:v k:w a:b");
	}

	@ParameterizedTest(name = "QoS {0}")
	@ValueSource(ints = { 0, 1, 2 })
	void aRetainedMessageDeliveredOnSubscribeKeepsItsUserProperties(int qos) {
		String topic = "up/retained/" + qos;
		MosquittoProcess pub = this.mosquitto.pub("-V", "5", "-q", "" + qos, "-r", "-t", topic, "-m", "kept", "-D",
				"publish", "user-property", "k", "v");
		assertThat(pub.awaitExit()).as(pub.toString()).isZero();
		MosquittoProcess sub = this.mosquitto.sub("-V", "5", "-q", "" + qos, "-t", topic, "-F", "%t %p %P %r", "-C",
				"1", "-W", "10");
		assertThat(sub.awaitExit()).as(sub.toString()).isZero();
		assertThat(sub.messages()).containsExactly(topic + " kept k:v 1");
		assertThat(this.mosquitto.pub("-r", "-t", topic, "-n").awaitExit()).isZero();
	}

}
