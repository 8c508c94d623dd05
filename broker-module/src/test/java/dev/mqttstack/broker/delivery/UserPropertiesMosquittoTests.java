package dev.mqttstack.broker.delivery;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mqttstack.broker.testsupport.BrokerExtension;
import dev.mqttstack.broker.testsupport.MosquittoClients;
import dev.mqttstack.broker.testsupport.MosquittoProcess;
import dev.mqttstack.broker.testsupport.RecordingEvents;
import dev.mqttstack.broker.testsupport.RequiresMosquittoClients;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MQTT 5 user properties as Debian's {@code mosquitto_sub -V 5 -F '%t %p %P'} prints
 * them, on the paths where they were once lost: one subscriber, and a retained message
 * delivered on SUBSCRIBE; a PUBLISH whose only property is a user property among them.
 * Skipped with a {@code [SKIPPED]} line when the binaries are missing, unless
 * {@code CI=true}, where that is a failure.
 */
@RequiresMosquittoClients
class UserPropertiesMosquittoTests {

	private static final RecordingEvents events = new RecordingEvents();

	@RegisterExtension
	static final BrokerExtension brokerExtension = BrokerExtension.withConfig((builder) -> builder.events(events));

	private MosquittoClients mosquitto;

	@BeforeEach
	void clients(@TempDir Path output) {
		this.mosquitto = brokerExtension.mosquitto(output);
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
