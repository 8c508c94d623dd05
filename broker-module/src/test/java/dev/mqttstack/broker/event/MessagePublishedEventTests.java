package dev.mqttstack.broker.event;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;

import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.testsupport.PahoClients;
import dev.mqttstack.broker.testsupport.TestBrokers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link BrokerEvents#messagePublished} reports every routed message once, whether a
 * client published it (with nobody subscribed) or the embedding application did.
 */
class MessagePublishedEventTests {

	@Test
	void clientAndApplicationPublishesAreReportedOnceWithTheirPublisher() throws MqttException {
		List<Message> published = new CopyOnWriteArrayList<>();
		MqttBroker broker = TestBrokers.builder().events(new BrokerEvents() {
			@Override
			public void messagePublished(Message message) {
				published.add(message);
			}
		}).build();
		broker.start();
		MqttClient writer = null;
		try {
			writer = PahoClients.connect(broker, "writer");
			writer.publish("events/one", "from a client".getBytes(), 1, false);
			broker.publish(Message.of("events/two", "from the application", 0, false));
			await().atMost(Duration.ofSeconds(10)).until(() -> published.size() >= 2);
			assertThat(published).extracting(Message::topic).containsExactly("events/one", "events/two");
			assertThat(published).extracting(Message::publisherId).containsExactly("writer", null);
			assertThat(new String(published.get(0).payload())).isEqualTo("from a client");
		}
		finally {
			PahoClients.closeQuietly(writer);
			broker.stop();
		}
	}

}
