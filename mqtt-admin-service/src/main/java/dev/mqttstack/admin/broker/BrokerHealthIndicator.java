package dev.mqttstack.admin.broker;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

import dev.mqttstack.broker.MqttBroker;

/**
 * Health of the MQTT listener: up while the broker listens, with its port and clients.
 */
@Component("broker")
class BrokerHealthIndicator extends AbstractHealthIndicator {

	private final MqttBroker broker;

	BrokerHealthIndicator(MqttBroker broker) {
		this.broker = broker;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (!this.broker.isRunning()) {
			builder.down().withDetail("listener", "not running");
			return;
		}
		builder.up()
			.withDetail("port", this.broker.port())
			.withDetail("clients", this.broker.metrics().clientsConnected());
	}

}
