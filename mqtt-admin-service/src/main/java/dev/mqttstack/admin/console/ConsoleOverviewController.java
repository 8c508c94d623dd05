package dev.mqttstack.admin.console;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.mqttstack.broker.ListenerConfig;
import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.sys.BrokerMetrics;

/**
 * The console overview's numbers: the broker's counters as they are now (the page turns
 * two samples into rates), its listeners, version and uptime.
 */
@RestController
class ConsoleOverviewController {

	private final MqttBroker broker;

	ConsoleOverviewController(MqttBroker broker) {
		this.broker = broker;
	}

	@GetMapping("/console/api/overview")
	Overview overview() {
		BrokerMetrics metrics = this.broker.metrics();
		boolean running = this.broker.isRunning();
		List<Listener> listeners = this.broker.config()
			.effectiveListeners()
			.stream()
			.map((listener) -> new Listener(listener.name(), listener.scheme(), listener.host(),
					running ? boundPort(listener) : listener.port(), listener.websocketPath()))
			.toList();
		return new Overview(MqttBroker.VERSION, running, metrics.uptimeSeconds(), metrics.clientsConnected(),
				metrics.clientsMaximum(), metrics.messagesReceived(), metrics.messagesSent(), metrics.messagesDropped(),
				metrics.bytesReceived(), metrics.bytesSent(), System.currentTimeMillis(), listeners);
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

	/**
	 * The broker's state and counters since it started.
	 *
	 * @param version the broker's version
	 * @param running whether it is running
	 * @param uptimeSeconds seconds since it started
	 * @param clientsConnected clients connected now
	 * @param clientsMaximum the most clients connected at once
	 * @param messagesReceived PUBLISH packets received
	 * @param messagesSent PUBLISH packets sent
	 * @param messagesDropped messages dropped
	 * @param bytesReceived bytes received
	 * @param bytesSent bytes sent
	 * @param sampledAt when the counters were read, epoch milliseconds
	 * @param listeners its listeners
	 */
	record Overview(String version, boolean running, long uptimeSeconds, int clientsConnected, int clientsMaximum,
			long messagesReceived, long messagesSent, long messagesDropped, long bytesReceived, long bytesSent,
			long sampledAt, List<Listener> listeners) {
	}

	/**
	 * One listener.
	 *
	 * @param name its name
	 * @param scheme {@code mqtt}, {@code mqtts}, {@code ws} or {@code wss}
	 * @param host the address it binds
	 * @param port the port it is bound to
	 * @param path the WebSocket path, or {@code null}
	 */
	record Listener(String name, String scheme, String host, int port, String path) {
	}

}
