package dev.mqttstack.broker;

import java.util.Objects;

/**
 * One network listener of the broker: where it binds, which protocol it speaks (plain
 * TCP, TLS, WebSocket or WebSocket over TLS) and how many connections it takes.
 *
 * @param name the listener's name, for logs and {@link MqttBroker#port(String)}
 * @param host the address to bind; {@code 0.0.0.0} for every interface
 * @param port the port; 0 picks a free one
 * @param tls the TLS settings, or {@code null} for a plain listener
 * @param websocketPath the WebSocket path (usually {@code /mqtt}), or {@code null} for
 * raw MQTT over TCP
 * @param maxConnections connections this listener accepts at once; 0 for no limit of its
 * own
 */
public record ListenerConfig(String name, String host, int port, TlsConfig tls, String websocketPath,
		int maxConnections) {

	/** The WebSocket path MQTT clients use by default. */
	public static final String DEFAULT_WEBSOCKET_PATH = "/mqtt";

	public ListenerConfig {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(host, "host");
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port must be between 0 and 65535 but was " + port);
		}
		if (websocketPath != null && !websocketPath.startsWith("/")) {
			throw new IllegalArgumentException("websocketPath must start with '/' but was " + websocketPath);
		}
		if (maxConnections < 0) {
			throw new IllegalArgumentException("maxConnections must not be negative");
		}
	}

	/**
	 * A plain MQTT over TCP listener on every interface.
	 * @param port the port (1883 by convention)
	 * @return the listener
	 */
	public static ListenerConfig tcp(int port) {
		return new ListenerConfig("tcp-" + port, "0.0.0.0", port, null, null, 0);
	}

	/**
	 * An MQTT over TLS listener on every interface.
	 * @param port the port (8883 by convention)
	 * @param tls the TLS settings
	 * @return the listener
	 */
	public static ListenerConfig tls(int port, TlsConfig tls) {
		return new ListenerConfig("tls-" + port, "0.0.0.0", port, Objects.requireNonNull(tls, "tls"), null, 0);
	}

	/**
	 * An MQTT over WebSocket listener on every interface, at path {@code /mqtt}.
	 * @param port the port (9001 by convention, as in mosquitto)
	 * @return the listener
	 */
	public static ListenerConfig websocket(int port) {
		return new ListenerConfig("ws-" + port, "0.0.0.0", port, null, DEFAULT_WEBSOCKET_PATH, 0);
	}

	/**
	 * An MQTT over WebSocket over TLS listener on every interface, at path {@code /mqtt}.
	 * @param port the port
	 * @param tls the TLS settings
	 * @return the listener
	 */
	public static ListenerConfig websocketTls(int port, TlsConfig tls) {
		return new ListenerConfig("wss-" + port, "0.0.0.0", port, Objects.requireNonNull(tls, "tls"),
				DEFAULT_WEBSOCKET_PATH, 0);
	}

	public ListenerConfig withName(String name) {
		return new ListenerConfig(name, this.host, this.port, this.tls, this.websocketPath, this.maxConnections);
	}

	public ListenerConfig withHost(String host) {
		return new ListenerConfig(this.name, host, this.port, this.tls, this.websocketPath, this.maxConnections);
	}

	public ListenerConfig withWebsocketPath(String path) {
		return new ListenerConfig(this.name, this.host, this.port, this.tls, path, this.maxConnections);
	}

	public ListenerConfig withMaxConnections(int maxConnections) {
		return new ListenerConfig(this.name, this.host, this.port, this.tls, this.websocketPath, maxConnections);
	}

	/**
	 * The protocol as a URL scheme, for logs: {@code tcp}, {@code ssl}, {@code ws} or
	 * {@code wss}.
	 * @return the scheme
	 */
	public String scheme() {
		if (this.websocketPath != null) {
			return (this.tls != null) ? "wss" : "ws";
		}
		return (this.tls != null) ? "ssl" : "tcp";
	}

}
