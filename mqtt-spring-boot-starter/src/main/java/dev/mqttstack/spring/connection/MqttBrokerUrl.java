/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.connection;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/**
 * A broker URL as users write it: {@code mqtt://} (or {@code tcp://}), {@code mqtts://}
 * (or {@code ssl://}), {@code ws://} and {@code wss://}, each with a host and an optional
 * port (1883, 8883, 80 and 443 by default).
 *
 * @param scheme the scheme as written, lower case
 * @param host the host
 * @param port the port
 * @param path the path, empty when none (WebSocket only)
 */
public record MqttBrokerUrl(String scheme, String host, int port, String path) {

	private static final Map<String, String> CLIENT_SCHEMES = Map.of("mqtt", "tcp", "tcp", "tcp", "mqtts", "ssl", "ssl",
			"ssl", "ws", "ws", "wss", "wss");

	private static final Map<String, Integer> DEFAULT_PORTS = Map.of("tcp", 1883, "ssl", 8883, "ws", 80, "wss", 443);

	/**
	 * Parse a URL.
	 * @param url the URL
	 * @return the parsed URL
	 * @throws IllegalArgumentException naming what is wrong with it
	 */
	public static MqttBrokerUrl parse(String url) {
		if (url == null || url.isBlank()) {
			throw new IllegalArgumentException("the URL is empty");
		}
		URI uri;
		try {
			uri = new URI(url.strip());
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("it is not a URL (" + ex.getReason() + ")", ex);
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
		if (scheme == null || !CLIENT_SCHEMES.containsKey(scheme)) {
			throw new IllegalArgumentException(
					"the scheme must be mqtt://, mqtts://, ws:// or wss:// (or tcp://, ssl://)"
							+ ((scheme != null) ? ", not " + scheme + "://" : ""));
		}
		if (uri.getHost() == null) {
			throw new IllegalArgumentException("it names no host (expected e.g. " + scheme + "://localhost"
					+ ((uri.getPort() > 0) ? ":" + uri.getPort() : "") + ")");
		}
		String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
		String clientScheme = CLIENT_SCHEMES.get(scheme);
		if (!path.isEmpty() && !path.equals("/") && !clientScheme.startsWith("ws")) {
			throw new IllegalArgumentException("a path is only allowed for ws:// and wss://");
		}
		int port = (uri.getPort() > 0) ? uri.getPort() : DEFAULT_PORTS.get(clientScheme);
		return new MqttBrokerUrl(scheme, uri.getHost(), port, clientScheme.startsWith("ws") ? path : "");
	}

	/**
	 * Build a URL from its parts.
	 * @param host the host
	 * @param port the port, 0 for the transport's default
	 * @param websocket whether to use MQTT over WebSocket
	 * @param tls whether to use TLS
	 * @return the URL
	 */
	public static MqttBrokerUrl of(String host, int port, boolean websocket, boolean tls) {
		String scheme = websocket ? (tls ? "wss" : "ws") : (tls ? "mqtts" : "mqtt");
		int resolved = (port > 0) ? port : DEFAULT_PORTS.get(CLIENT_SCHEMES.get(scheme));
		return new MqttBrokerUrl(scheme, host, resolved, "");
	}

	/**
	 * Return whether the connection uses TLS.
	 * @return whether the scheme is {@code mqtts}, {@code ssl} or {@code wss}
	 */
	public boolean isSecure() {
		String client = CLIENT_SCHEMES.get(this.scheme);
		return client.equals("ssl") || client.equals("wss");
	}

	/**
	 * Return the URL in the form the client library takes ({@code tcp}, {@code ssl},
	 * {@code ws}, {@code wss}).
	 * @return the URL
	 */
	public String toClientUrl() {
		String host = this.host.contains(":") && !this.host.startsWith("[") ? "[" + this.host + "]" : this.host;
		return CLIENT_SCHEMES.get(this.scheme) + "://" + host + ":" + this.port + this.path;
	}

	@Override
	public String toString() {
		String host = this.host.contains(":") && !this.host.startsWith("[") ? "[" + this.host + "]" : this.host;
		return this.scheme + "://" + host + ":" + this.port + this.path;
	}

}
