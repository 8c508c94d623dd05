package dev.mqttstack.broker.session;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mqttstack.broker.message.Message;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-flight window on its own: packet identifiers and acknowledgements.
 */
class InflightWindowTests {

	private final InflightWindow window = new InflightWindow(3);

	@Test
	void packetIdentifiersCountUpAndSkipThoseStillInFlight() {
		this.window.restore(2, entry(1));
		assertThat(this.window.open(entry(1))).as("after the restored one").isEqualTo(3);
		this.window.restore(65534, entry(1));
		assertThat(this.window.open(entry(1))).isEqualTo(65535);
		assertThat(this.window.open(entry(1))).as("wraps to 1 after 65535").isEqualTo(1);
		assertThat(this.window.open(entry(1))).as("2 and 3 are still in flight").isEqualTo(4);
	}

	@Test
	void anAcknowledgementCompletesOnlyAMessageOfTheQosItAcknowledges() {
		int qos1 = this.window.open(entry(1));
		int qos2 = this.window.open(entry(2));
		assertThat(this.window.complete(qos1, 2)).as("PUBCOMP for a QoS 1 message").isNull();
		assertThat(this.window.complete(qos2, 1)).as("PUBACK for a QoS 2 message").isNull();
		assertThat(this.window.size()).isEqualTo(2);
		assertThat(this.window.complete(qos1, 1)).isNotNull();
		assertThat(this.window.complete(qos2, 2)).isNotNull();
		assertThat(this.window.size()).isZero();
	}

	@Test
	void roomIsTheSmallerOfTheBrokersWindowAndTheClientsReceiveMaximum() {
		this.window.open(entry(1));
		assertThat(this.window.hasRoom(1)).isFalse();
		assertThat(this.window.hasRoom(65535)).isTrue();
		this.window.open(entry(1));
		this.window.open(entry(1));
		assertThat(this.window.hasRoom(65535)).as("max in flight 3").isFalse();
	}

	@Test
	void sharedMessagesAreTakenBackUnlessTheClientHasReceivedThem() {
		InflightWindow.Entry released = new InflightWindow.Entry(pending(2, "$share/g/t"));
		released.released = true;
		this.window.open(released);
		this.window.open(new InflightWindow.Entry(pending(1, "$share/g/t")));
		this.window.open(entry(1));
		List<Pending> taken = new ArrayList<>();
		this.window.takeShared(taken, new SessionJournal("c", null, new MessageIds()));
		assertThat(taken).singleElement().satisfies((pending) -> assertThat(pending.qos()).isEqualTo(1));
		assertThat(this.window.size()).isEqualTo(2);
	}

	private static InflightWindow.Entry entry(int qos) {
		return new InflightWindow.Entry(pending(qos, null));
	}

	private static Pending pending(int qos, String shareKey) {
		return new Pending(Message.of("t", "p", qos, false), qos, false, List.of(), shareKey, 0);
	}

}
