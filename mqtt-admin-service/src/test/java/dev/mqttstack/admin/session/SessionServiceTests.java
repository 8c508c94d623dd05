package dev.mqttstack.admin.session;

import org.junit.jupiter.api.Test;

import dev.mqttstack.admin.broker.ConnectedClients;
import dev.mqttstack.broker.MqttBroker;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SessionServiceTests {

	private final MqttBroker stopped = MqttBroker.builder().port(0).build();

	private final SessionService sessions = new SessionService(this.stopped, new ConnectedClients(this.stopped), null);

	@Test
	void everySessionRequestToAStoppedBrokerIsUnavailable() {
		assertThatExceptionOfType(BrokerUnavailableException.class)
			.isThrownBy(() -> this.sessions.list(null, null, null, 0, 20))
			.withMessageContaining("not running");
		assertThatExceptionOfType(BrokerUnavailableException.class).isThrownBy(() -> this.sessions.get("any"));
		assertThatExceptionOfType(BrokerUnavailableException.class).isThrownBy(() -> this.sessions.disconnect("any"));
		assertThatExceptionOfType(BrokerUnavailableException.class).isThrownBy(() -> this.sessions.discard("any"));
	}

}
