package dev.mqttstack.broker;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of an {@link MqttBroker}, each with the default a plain
 * {@code MqttBroker.builder().build()} uses.
 *
 * @param host address the listener binds to; default {@code 0.0.0.0} (every interface)
 * @param port TCP port of the listener; 0 picks a free one (see
 * {@link MqttBroker#port()}); default 1883
 * @param maxInflight outbound QoS 1/2 messages sent to one client and not yet
 * acknowledged; default 20
 * @param maxQueuedMessages QoS 1/2 messages queued for one session beyond the in-flight
 * window or while its client is offline; what overflows is dropped and reported as a
 * {@code QUEUE_FULL} event; default 1000
 * @param maxPacketSize largest packet accepted, in bytes; a larger one closes the
 * connection; default 2 MiB
 * @param sysInterval how often {@code $SYS/broker/...} topics are published; zero turns
 * them off; default 10 s
 * @param connectTimeout how long a new connection may take to send CONNECT; default 20 s
 * @param nativeTransport whether to use native epoll when the platform has it; default
 * {@code true}
 * @param ioThreads event loop threads; 0 means one per core (a delivery to a session on
 * another event loop is a task hand-off, so more loops than cores only cost); default 0
 * @param topicAliasMaximum MQTT 5 topic aliases a client may set for its publications; 0
 * for none; default 10
 * @param receiveMaximum MQTT 5 inbound QoS 1/2 messages a client may have unacknowledged
 * (QoS 1 until the broker has sent PUBACK, QoS 2 until it has sent PUBCOMP), advertised
 * in CONNACK; more ends the connection with 0x93 (Receive Maximum exceeded); default 256,
 * as many replies as the broker holds back for its session store before it stops reading
 * a client
 * @param maxConnections connections the broker accepts at once over all listeners; more
 * are closed at once and reported as a {@code MAX_CONNECTIONS} event; 0 for no limit;
 * default 0
 * @param maxSubscriptionsPerClient subscriptions one session may hold; more get SUBACK
 * failure (MQTT 5: 0x97 quota exceeded); 0 for no limit; default 0
 * @param maxTopicLevels levels a topic name or filter may have; a deeper PUBLISH ends the
 * connection and a deeper filter is refused; default 128
 * @param listeners the listeners; when none are given, one plain TCP listener on
 * {@code host}:{@code port}
 * @param maxQueuedBytes payload bytes queued for one session; with
 * {@code maxQueuedMessages} it bounds the memory a slow or offline subscriber holds; 0
 * for no limit; default 16 MiB
 * @param queueOverflowPolicy what a full session queue does with a new message; default
 * {@code DROP_NEW}
 * @param maxPublishRate PUBLISH packets per second one client may send; faster clients
 * are slowed by pausing reads from their socket, not disconnected; 0 for no limit;
 * default 0
 * @param maxKeepAlive longest keep-alive in seconds a client gets, as mosquitto's
 * {@code max_keepalive}: an MQTT 5 client asking for more, or for none (0), gets this one
 * through the server keep alive property of CONNACK; an MQTT 3.1/3.1.1 client cannot be
 * told, so one asking for more is refused with return code 0x02 (identifier rejected),
 * and one asking for none too when the cap is below 65535; 0 for no cap; default 65535
 * (the protocol's largest: MQTT 5 clients asking for none are disconnected after a
 * silence of 1.5 × 65535 s, MQTT 3.1.1 clients asking for none are accepted)
 * @param maxTopicLength longest topic name or filter in UTF-8 bytes; a longer PUBLISH
 * ends the connection and a longer filter is refused, both reported as a
 * {@code MAX_TOPIC_SIZE} event; default 65535 (the protocol's own limit)
 * @param maxPublisherPause publisher backpressure: while a connected subscriber does not
 * read and its queue is more than half full, the clients publishing to it are not read
 * (they are slowed, nothing is dropped) until the queue is down to a quarter; a
 * subscriber that stays backed up this long is reported as a {@code MAX_PUBLISHER_PAUSE}
 * event, its publishers resume and its full queue applies the overflow policy; zero turns
 * publisher backpressure off (mosquitto's behaviour: the queue overflows at once);
 * default 5 s
 * @param outboundTopicAliases whether an MQTT 5 client that sets a topic alias maximum
 * gets topic aliases from the broker; turn off for clients that advertise a maximum but
 * cannot resolve aliases (Eclipse Paho Java v5 1.2.5, libmosquitto 2.0); default
 * {@code true}
 * @param persistentSessionExpirySeconds how long an MQTT 3.1.1 persistent session (clean
 * session false) outlives its connection, in seconds; -1 for until removed (the default,
 * like mosquitto's {@code persistent_client_expiration} unset)
 * @param allowCrossUserTakeover whether a client may resume or take over a session that
 * another user created, by reusing its client identifier (mosquitto's behaviour); when
 * off, such a CONNECT is refused (MQTT 5: 0x85 client identifier not valid; 3.1.1: 0x02
 * identifier rejected) and the owner's session and connection stay untouched; a client
 * without a user name owns its session as "no user", matched only by clients without a
 * user name; default {@code false}
 * @param partialPacketTimeout how long a packet whose first byte arrived may take to
 * arrive whole; a connection that is slower is closed (MQTT 5 clients that completed
 * CONNECT get DISCONNECT 0x8D) and reported as a {@code PARTIAL_PACKET_TIMEOUT} event;
 * zero turns the deadline off; default 30 s
 * @param maxBufferedInboundBytes bytes of incomplete packets the broker holds over all
 * connections; the connection whose bytes would pass it is closed (MQTT 5: DISCONNECT
 * 0x97 quota exceeded) and reported as a {@code MAX_BUFFERED_INBOUND_BYTES} event; 0 for
 * no limit; default 256 MiB
 * @param maxConnectionsPerUser connections one user name may hold at once; more are
 * refused at CONNECT (MQTT 5: 0x97 quota exceeded; 3.1.1: 0x03 server unavailable) and
 * reported as a {@code MAX_CONNECTIONS_PER_USER} event; clients without a user name are
 * not counted; 0 for no limit; default 0
 * @param maxConnectionsPerAddress connections one peer IP address may hold at once; more
 * are refused at CONNECT like {@code maxConnectionsPerUser} and reported as a
 * {@code MAX_CONNECTIONS_PER_ADDRESS} event; 0 for no limit; default 0
 */
public record BrokerConfig(String host, int port, int maxInflight, int maxQueuedMessages, int maxPacketSize,
		Duration sysInterval, Duration connectTimeout, boolean nativeTransport, int ioThreads, int topicAliasMaximum,
		int receiveMaximum, int maxConnections, int maxSubscriptionsPerClient, int maxTopicLevels,
		List<ListenerConfig> listeners, long maxQueuedBytes, QueueOverflowPolicy queueOverflowPolicy,
		int maxPublishRate, int maxKeepAlive, int maxTopicLength, Duration maxPublisherPause,
		boolean outboundTopicAliases, long persistentSessionExpirySeconds, boolean allowCrossUserTakeover,
		Duration partialPacketTimeout, long maxBufferedInboundBytes, int maxConnectionsPerUser,
		int maxConnectionsPerAddress) {

	/** The defaults. */
	public static final BrokerConfig DEFAULTS = new BrokerConfig("0.0.0.0", 1883, 20, 1000, 2 * 1024 * 1024,
			Duration.ofSeconds(10), Duration.ofSeconds(20), true, 0, 10, 256, 0, 0, 128, List.of(), 16L * 1024 * 1024,
			QueueOverflowPolicy.DROP_NEW, 0, 65_535, 65_535, Duration.ofSeconds(5), true, -1, false,
			Duration.ofSeconds(30), 256L * 1024 * 1024, 0, 0);

	public BrokerConfig {
		Objects.requireNonNull(host, "host");
		Objects.requireNonNull(sysInterval, "sysInterval");
		Objects.requireNonNull(connectTimeout, "connectTimeout");
		require(port >= 0 && port <= 65535, "port must be between 0 and 65535 but was " + port);
		require(maxInflight >= 1 && maxInflight <= 65535, "maxInflight must be between 1 and 65535");
		require(maxQueuedMessages >= 0, "maxQueuedMessages must not be negative");
		require(maxPacketSize >= 64 && maxPacketSize <= 268_435_455,
				"maxPacketSize must be between 64 bytes and 256 MB");
		require(!sysInterval.isNegative(), "sysInterval must not be negative");
		require(connectTimeout.toMillis() > 0, "connectTimeout must be positive");
		require(ioThreads >= 0, "ioThreads must not be negative");
		require(topicAliasMaximum >= 0 && topicAliasMaximum <= 65535, "topicAliasMaximum must be between 0 and 65535");
		require(receiveMaximum >= 1 && receiveMaximum <= 65535, "receiveMaximum must be between 1 and 65535");
		require(maxConnections >= 0, "maxConnections must not be negative");
		require(maxSubscriptionsPerClient >= 0, "maxSubscriptionsPerClient must not be negative");
		require(maxTopicLevels >= 1, "maxTopicLevels must be at least 1");
		listeners = List.copyOf(listeners);
		require(maxQueuedBytes >= 0, "maxQueuedBytes must not be negative");
		require(maxPublishRate >= 0, "maxPublishRate must not be negative");
		require(maxKeepAlive >= 0 && maxKeepAlive <= 65535, "maxKeepAlive must be between 0 and 65535");
		require(persistentSessionExpirySeconds == -1 || persistentSessionExpirySeconds > 0,
				"persistentSessionExpirySeconds must be -1 (never) or positive");
		Objects.requireNonNull(queueOverflowPolicy, "queueOverflowPolicy");
		require(maxTopicLength >= 1 && maxTopicLength <= 65535, "maxTopicLength must be between 1 and 65535");
		Objects.requireNonNull(maxPublisherPause, "maxPublisherPause");
		require(!maxPublisherPause.isNegative(), "maxPublisherPause must not be negative");
		Objects.requireNonNull(partialPacketTimeout, "partialPacketTimeout");
		require(!partialPacketTimeout.isNegative(), "partialPacketTimeout must not be negative");
		require(maxBufferedInboundBytes >= 0, "maxBufferedInboundBytes must not be negative");
		require(maxConnectionsPerUser >= 0, "maxConnectionsPerUser must not be negative");
		require(maxConnectionsPerAddress >= 0, "maxConnectionsPerAddress must not be negative");
		long names = listeners.stream().map(ListenerConfig::name).distinct().count();
		require(names == listeners.size(), "listener names must be unique");
	}

	/**
	 * The listeners the broker opens: the configured ones, or one plain TCP listener on
	 * {@code host}:{@code port}.
	 * @return the effective listeners, never empty
	 */
	public List<ListenerConfig> effectiveListeners() {
		if (!this.listeners.isEmpty()) {
			return this.listeners;
		}
		return List.of(new ListenerConfig("default", this.host, this.port, null, null, 0));
	}

	/**
	 * Starts building settings from {@link #DEFAULTS}.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Starts building settings from these ones, to change a few.
	 * @return a builder holding every setting of this config
	 */
	public Builder toBuilder() {
		return new Builder().config(this);
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

	/**
	 * Builds a {@link BrokerConfig}: every setting starts at its default, or at the
	 * config it was made from.
	 */
	public static final class Builder extends BrokerConfigBuilder<Builder> {

		private Builder() {
		}

		/**
		 * Builds the settings; each is checked here.
		 * @return the settings
		 * @throws IllegalArgumentException if a setting is out of range
		 */
		public BrokerConfig build() {
			return toConfig();
		}

	}

}
