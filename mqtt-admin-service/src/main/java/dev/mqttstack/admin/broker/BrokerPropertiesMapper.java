package dev.mqttstack.admin.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.io.Resource;

import dev.mqttstack.admin.broker.ListenerProperties.Tls;
import dev.mqttstack.broker.ListenerConfig;
import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.TlsConfig;

/**
 * Maps the listeners, limits and MQTT 5 settings of {@link BrokerProperties} onto an
 * {@link MqttBroker.Builder}, checking what bean validation cannot (sizes, durations, TLS
 * combinations) and naming the offending property when a value is wrong.
 */
final class BrokerPropertiesMapper {

	/** Name of the listener on {@code mqtt.broker.host}:{@code mqtt.broker.port}. */
	static final String DEFAULT_LISTENER = "default";

	private static final String PREFIX = "mqtt.broker.";

	private final BrokerProperties properties;

	BrokerPropertiesMapper(BrokerProperties properties) {
		this.properties = properties;
	}

	/**
	 * Applies the settings.
	 * @param builder the broker's builder
	 * @throws InvalidConfigurationPropertyValueException if a value is out of range
	 */
	void applyTo(MqttBroker.Builder builder) {
		BrokerProperties p = this.properties;
		long packetSize = p.getMaxPacketSize().toBytes();
		require(packetSize >= 64 && packetSize <= 268_435_455, "max-packet-size", p.getMaxPacketSize(),
				"must be between 64B and 268435455B (256 MB)");
		require(!p.getSysInterval().isNegative(), "sys-interval", p.getSysInterval(), "must not be negative");
		require(p.getConnectTimeout().toMillis() > 0, "connect-timeout", p.getConnectTimeout(), "must be positive");
		require(!p.getMaxQueuedBytes().isNegative(), "max-queued-bytes", p.getMaxQueuedBytes(), "must not be negative");
		require(!p.getMaxPublisherPause().isNegative(), "max-publisher-pause", p.getMaxPublisherPause(),
				"must not be negative");
		require(!p.getPartialPacketTimeout().isNegative(), "partial-packet-timeout", p.getPartialPacketTimeout(),
				"must not be negative");
		require(!p.getMaxBufferedInboundBytes().isNegative(), "max-buffered-inbound-bytes",
				p.getMaxBufferedInboundBytes(), "must not be negative");
		if (p.getPort() < 0) {
			// The default listener is off; the broker only checks this port's range.
			builder.port(0);
		}
		builder.maxConnections(p.getMaxConnections())
			.maxQueuedBytes(p.getMaxQueuedBytes().toBytes())
			.queueOverflowPolicy(p.getQueueOverflowPolicy())
			.maxSubscriptionsPerClient(p.getMaxSubscriptionsPerClient())
			.maxTopicLevels(p.getMaxTopicLevels())
			.maxTopicLength(p.getMaxTopicLength())
			.maxPublishRate(p.getMaxPublishRate())
			.maxKeepAlive(keepAliveSeconds(p.getMaxKeepAlive()))
			.maxPublisherPause(p.getMaxPublisherPause())
			.topicAliasMaximum(p.getTopicAliasMaximum())
			.receiveMaximum(p.getReceiveMaximum())
			.outboundTopicAliases(p.isOutboundTopicAliases())
			.allowCrossUserTakeover(p.isAllowCrossUserTakeover())
			.partialPacketTimeout(p.getPartialPacketTimeout())
			.maxBufferedInboundBytes(p.getMaxBufferedInboundBytes().toBytes())
			.maxConnectionsPerUser(p.getMaxConnectionsPerUser())
			.maxConnectionsPerAddress(p.getMaxConnectionsPerAddress())
			.sharedSubscriptionStrategy(p.getSharedSubscriptionStrategy().strategy());
		listeners().forEach(builder::listener);
	}

	/**
	 * The listeners to add: none when {@code mqtt.broker.listeners} is empty (the broker
	 * then opens its own TCP listener on host:port), otherwise the default listener
	 * (unless {@code port} is -1) followed by the configured ones.
	 * @return the listeners
	 */
	List<ListenerConfig> listeners() {
		BrokerProperties p = this.properties;
		boolean defaultListener = p.getPort() >= 0;
		if (p.getListeners().isEmpty()) {
			require(defaultListener, "port", p.getPort(),
					"-1 turns the default listener off, but no mqtt.broker.listeners are configured");
			return List.of();
		}
		List<ListenerConfig> listeners = new ArrayList<>();
		if (defaultListener) {
			require(!p.getListeners().containsKey(DEFAULT_LISTENER), "listeners." + DEFAULT_LISTENER, DEFAULT_LISTENER,
					"the name is taken by the listener on mqtt.broker.port; set mqtt.broker.port=-1 to replace it");
			listeners.add(new ListenerConfig(DEFAULT_LISTENER, p.getHost(), p.getPort(), null, null, 0));
		}
		for (Map.Entry<String, ListenerProperties> entry : p.getListeners().entrySet()) {
			listeners.add(listener(entry.getKey(), entry.getValue()));
		}
		return listeners;
	}

	private ListenerConfig listener(String name, ListenerProperties listener) {
		String prefix = "listeners." + name + ".";
		TlsConfig tls = tls(prefix + "tls.", listener.getProtocol(), listener.getTls());
		String path = listener.getProtocol().isWebsocket() ? listener.getWebsocketPath() : null;
		String host = (listener.getHost() != null) ? listener.getHost() : this.properties.getHost();
		return new ListenerConfig(name, host, listener.getPort(), tls, path, listener.getMaxConnections());
	}

	private TlsConfig tls(String prefix, ListenerProperties.Protocol protocol, Tls tls) {
		String protocolName = protocol.name().toLowerCase(Locale.ROOT).replace('_', '-');
		if (!protocol.isSecure()) {
			require(!tls.anyGiven(), prefix.substring(0, prefix.length() - 1), "TLS settings",
					"TLS settings are given but the protocol is " + protocolName + " (use tls or websocket-tls)");
			return null;
		}
		if (tls.getKeyStore() != null) {
			require(tls.getCertificate() == null && tls.getPrivateKey() == null, prefix + "key-store",
					tls.getKeyStore(), "give either certificate and private-key, or key-store, not both");
		}
		else {
			require(tls.getCertificate() != null, prefix + "certificate", null,
					"protocol " + protocolName + " needs certificate and private-key, or key-store");
			require(tls.getPrivateKey() != null, prefix + "private-key", null,
					"protocol " + protocolName + " needs private-key with certificate");
		}
		if (tls.getClientAuth() != ListenerProperties.ClientAuth.NONE) {
			require(tls.getTrustedCertificates() != null, prefix + "trusted-certificates", null, "client-auth "
					+ tls.getClientAuth().name().toLowerCase(Locale.ROOT) + " needs trusted-certificates");
		}
		require(!tls.isUsernameFromCertificate() || tls.getClientAuth() == ListenerProperties.ClientAuth.REQUIRED,
				prefix + "username-from-certificate", true, "needs client-auth required");
		return new TlsConfig(path(prefix + "certificate", tls.getCertificate()),
				path(prefix + "private-key", tls.getPrivateKey()), path(prefix + "key-store", tls.getKeyStore()),
				tls.getKeyStorePassword(), path(prefix + "trusted-certificates", tls.getTrustedCertificates()),
				clientAuth(tls.getClientAuth()), tls.isUsernameFromCertificate());
	}

	private static TlsConfig.ClientAuth clientAuth(ListenerProperties.ClientAuth clientAuth) {
		return switch (clientAuth) {
			case NONE -> TlsConfig.ClientAuth.NONE;
			case OPTIONAL -> TlsConfig.ClientAuth.OPTIONAL;
			case REQUIRED -> TlsConfig.ClientAuth.REQUIRE;
		};
	}

	/**
	 * The file of a resource; a resource that is no file (on the class path inside a jar)
	 * is copied to a temporary file readable only by this user.
	 */
	private static Path path(String property, Resource resource) {
		if (resource == null) {
			return null;
		}
		require(resource.exists(), property, resource.getDescription(), "does not exist");
		try {
			if (resource.isFile()) {
				return resource.getFile().toPath();
			}
			Path copy = Files.createTempFile("mqtt-tls-", "-" + resource.getFilename());
			copy.toFile().deleteOnExit();
			try (InputStream in = resource.getInputStream()) {
				Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
			}
			return copy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + PREFIX + property + " " + resource.getDescription(), ex);
		}
	}

	private int keepAliveSeconds(Duration maxKeepAlive) {
		require(!maxKeepAlive.isNegative() && maxKeepAlive.getSeconds() <= 65535 && maxKeepAlive.getNano() == 0,
				"max-keep-alive", maxKeepAlive, "must be whole seconds between 0 and 65535");
		return (int) maxKeepAlive.getSeconds();
	}

	private static void require(boolean condition, String property, Object value, String reason) {
		if (!condition) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + property, value, reason);
		}
	}

}
