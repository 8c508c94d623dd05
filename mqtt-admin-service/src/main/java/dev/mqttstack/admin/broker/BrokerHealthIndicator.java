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

	private final boolean enabled;

	BrokerHealthIndicator(MqttBroker broker, BrokerProperties properties) {
		this.broker = broker;
		this.enabled = properties.isEnabled();
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (!this.enabled) {
			builder.unknown().withDetail("listener", "disabled (mqtt.broker.enabled=false)");
			return;
		}
		if (!this.broker.isRunning()) {
			builder.down().withDetail("listener", "not running");
			return;
		}
		builder.up()
			.withDetail("port", this.broker.port())
			.withDetail("clients", this.broker.metrics().clientsConnected());
	}

}
