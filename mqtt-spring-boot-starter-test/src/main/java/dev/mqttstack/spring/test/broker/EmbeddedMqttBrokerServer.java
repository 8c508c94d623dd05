/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.test.broker;

import java.nio.file.Path;
import java.util.Map;

import javax.net.ssl.SSLContext;

import dev.mqttstack.broker.ListenerConfig;
import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.TlsConfig;
import dev.mqttstack.spring.test.broker.EmbeddedMqttBroker.Transport;

import org.springframework.core.annotation.AnnotationUtils;

/**
 * A running embedded broker as its clients need it: URL, host, port, the user a test logs
 * in as, and for TLS the trust of its certificate. Started from an
 * {@link EmbeddedMqttBroker} annotation's settings, by the Spring context customizer or
 * the JUnit 5 extension.
 */
public final class EmbeddedMqttBrokerServer implements AutoCloseable {

	/** Name of the SSL bundle a Spring test gets for a TLS broker. */
	public static final String SSL_BUNDLE = "embedded-mqtt-broker";

	private static final String LISTENER = "embedded";

	private final MqttBroker broker;

	private final Transport transport;

	private final EmbeddedBrokerCertificate certificate;

	private final EmbeddedMqttBroker.User user;

	private EmbeddedMqttBrokerServer(MqttBroker broker, Transport transport, EmbeddedBrokerCertificate certificate,
			EmbeddedMqttBroker.User user) {
		this.broker = broker;
		this.transport = transport;
		this.certificate = certificate;
		this.user = user;
	}

	/**
	 * Start a broker with an annotation's settings.
	 * @param settings the settings, {@code null} for the defaults
	 * @return the running broker
	 */
	public static EmbeddedMqttBrokerServer start(EmbeddedMqttBroker settings) {
		EmbeddedMqttBroker annotation = (settings != null) ? settings : defaults();
		Transport transport = annotation.transport();
		boolean tls = transport == Transport.TLS || transport == Transport.WEBSOCKET_TLS;
		EmbeddedBrokerCertificate certificate = tls ? EmbeddedBrokerCertificate.create() : null;
		TlsConfig tlsConfig = tls ? TlsConfig.pem(certificate.certificatePem(), certificate.privateKeyPem()) : null;
		String path = (transport == Transport.WEBSOCKET || transport == Transport.WEBSOCKET_TLS)
				? ListenerConfig.DEFAULT_WEBSOCKET_PATH : null;
		MqttBroker.Builder builder = MqttBroker.builder()
			.listener(new ListenerConfig(LISTENER, "127.0.0.1", annotation.port(), tlsConfig, path, 0));
		EmbeddedMqttBroker.User[] users = annotation.users();
		if (users.length > 0) {
			EmbeddedBrokerUsers access = new EmbeddedBrokerUsers(users);
			builder.authenticator(access).authorizer(access);
		}
		MqttBroker broker = builder.build();
		try {
			broker.start();
		}
		catch (RuntimeException ex) {
			if (certificate != null) {
				certificate.delete();
			}
			throw ex;
		}
		return new EmbeddedMqttBrokerServer(broker, transport, certificate, (users.length > 0) ? users[0] : null);
	}

	private static EmbeddedMqttBroker defaults() {
		return AnnotationUtils.synthesizeAnnotation(Map.of(), EmbeddedMqttBroker.class, null);
	}

	/**
	 * Return the broker itself, e.g. to stop it or inspect its sessions.
	 * @return the broker
	 */
	public MqttBroker getBroker() {
		return this.broker;
	}

	/**
	 * Return the host clients connect to, {@code 127.0.0.1}; a TLS broker's certificate
	 * names it (and {@code localhost}).
	 * @return the host
	 */
	public String getHost() {
		return "127.0.0.1";
	}

	public int getPort() {
		return this.broker.port(LISTENER);
	}

	public Transport getTransport() {
		return this.transport;
	}

	/**
	 * Return the URL clients connect with: {@code mqtt://}, {@code mqtts://},
	 * {@code ws://} or {@code wss://}, as the starter's {@code mqtt.url} accepts them.
	 * (Paho itself spells the first two {@code tcp://} and {@code ssl://}.)
	 * @return the URL
	 */
	public String getUrl() {
		return switch (this.transport) {
			case TCP -> "mqtt://" + getHost() + ":" + getPort();
			case TLS -> "mqtts://" + getHost() + ":" + getPort();
			case WEBSOCKET -> "ws://" + getHost() + ":" + getPort() + ListenerConfig.DEFAULT_WEBSOCKET_PATH;
			case WEBSOCKET_TLS -> "wss://" + getHost() + ":" + getPort() + ListenerConfig.DEFAULT_WEBSOCKET_PATH;
		};
	}

	/**
	 * Return the name of the first configured user, the one a Spring test logs in as.
	 * @return the user name, or {@code null} when every client may connect
	 */
	public String getUsername() {
		return (this.user != null) ? this.user.name() : null;
	}

	/**
	 * Return the password of the first configured user.
	 * @return the password, or {@code null} when every client may connect
	 */
	public String getPassword() {
		return (this.user != null) ? this.user.password() : null;
	}

	/**
	 * Return the PEM file of the broker's certificate, to trust it.
	 * @return the file, or {@code null} without TLS
	 */
	public Path getCertificate() {
		return (this.certificate != null) ? this.certificate.certificatePem() : null;
	}

	/**
	 * Return an SSL context that trusts the broker's certificate, for clients outside
	 * Spring.
	 * @return the SSL context
	 * @throws IllegalStateException without TLS
	 */
	public SSLContext getSslContext() {
		if (this.certificate == null) {
			throw new IllegalStateException("The embedded broker uses " + this.transport + ", not TLS");
		}
		return this.certificate.trustingContext();
	}

	/**
	 * Stop the broker and delete its certificate files.
	 */
	@Override
	public void close() {
		this.broker.stop();
		if (this.certificate != null) {
			this.certificate.delete();
		}
	}

}
