package dev.mqttstack.admin.broker;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.info.Info;

import dev.mqttstack.broker.ListenerConfig;
import dev.mqttstack.broker.MqttBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code /actuator/info} says of a broker that is not running: its configured
 * listeners and ports (the running case is in {@link BrokerListenersTests}).
 */
class BrokerInfoContributorTests {

	@Test
	void aStoppedBrokerShowsItsConfiguredPorts() {
		MqttBroker broker = MqttBroker.builder()
			.listener(ListenerConfig.tcp(1883).withName("default"))
			.listener(ListenerConfig.websocket(9001).withName("websocket").withMaxConnections(50))
			.build();
		Info.Builder builder = new Info.Builder();
		new BrokerInfoContributor(broker).contribute(builder);
		assertThat(builder.build().getDetails()).containsEntry("mqtt",
				Map.of("running", false, "listeners",
						List.of(Map.of("name", "default", "scheme", "tcp", "host", "0.0.0.0", "port", 1883,
								"maxConnections", 0),
								Map.of("name", "websocket", "scheme", "ws", "host", "0.0.0.0", "port", 9001, "path",
										"/mqtt", "maxConnections", 50))));
	}

}
