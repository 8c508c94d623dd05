package dev.mqttstack.admin.broker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

import dev.mqttstack.broker.ListenerConfig;
import dev.mqttstack.broker.MqttBroker;

/**
 * Adds the broker's listeners to the actuator {@code info} endpoint under {@code mqtt}:
 * name, scheme, address and the bound port (the configured one while not running).
 */
@Component
class BrokerInfoContributor implements InfoContributor {

	private final MqttBroker broker;

	BrokerInfoContributor(MqttBroker broker) {
		this.broker = broker;
	}

	@Override
	public void contribute(Info.Builder builder) {
		boolean running = this.broker.isRunning();
		List<Map<String, Object>> listeners = this.broker.config()
			.effectiveListeners()
			.stream()
			.map((listener) -> describe(listener, running ? boundPort(listener) : listener.port()))
			.toList();
		builder.withDetail("mqtt", Map.of("running", running, "listeners", listeners));
	}

	private int boundPort(ListenerConfig listener) {
		try {
			return this.broker.port(listener.name());
		}
		catch (IllegalStateException ex) {
			// stopped meanwhile
			return listener.port();
		}
	}

	private static Map<String, Object> describe(ListenerConfig listener, int port) {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("name", listener.name());
		description.put("scheme", listener.scheme());
		description.put("host", listener.host());
		description.put("port", port);
		if (listener.websocketPath() != null) {
			description.put("path", listener.websocketPath());
		}
		description.put("maxConnections", listener.maxConnections());
		return description;
	}

}
