package dev.mqttstack.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The settings half of a builder: every setting of a {@link BrokerConfig}, starting at
 * {@link BrokerConfig#DEFAULTS}, checked when the config is built. Shared by
 * {@link BrokerConfig#builder()} and {@link MqttBroker#builder()}, so that the record's
 * canonical constructor is called in one place only.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class BrokerConfigBuilder<B extends BrokerConfigBuilder<B>> {

	private String host = BrokerConfig.DEFAULTS.host();

	private int port = BrokerConfig.DEFAULTS.port();

	private int maxInflight = BrokerConfig.DEFAULTS.maxInflight();

	private int maxQueuedMessages = BrokerConfig.DEFAULTS.maxQueuedMessages();

	private int maxPacketSize = BrokerConfig.DEFAULTS.maxPacketSize();

	private Duration sysInterval = BrokerConfig.DEFAULTS.sysInterval();

	private Duration connectTimeout = BrokerConfig.DEFAULTS.connectTimeout();

	private boolean nativeTransport = BrokerConfig.DEFAULTS.nativeTransport();

	private int ioThreads = BrokerConfig.DEFAULTS.ioThreads();

	private int topicAliasMaximum = BrokerConfig.DEFAULTS.topicAliasMaximum();

	private int receiveMaximum = BrokerConfig.DEFAULTS.receiveMaximum();

	private int maxConnections = BrokerConfig.DEFAULTS.maxConnections();

	private int maxSubscriptionsPerClient = BrokerConfig.DEFAULTS.maxSubscriptionsPerClient();

	private int maxTopicLevels = BrokerConfig.DEFAULTS.maxTopicLevels();

	private final List<ListenerConfig> listeners = new ArrayList<>();

	private long maxQueuedBytes = BrokerConfig.DEFAULTS.maxQueuedBytes();

	private QueueOverflowPolicy queueOverflowPolicy = BrokerConfig.DEFAULTS.queueOverflowPolicy();

	private int maxPublishRate = BrokerConfig.DEFAULTS.maxPublishRate();

	private int maxKeepAlive = BrokerConfig.DEFAULTS.maxKeepAlive();

	private int maxTopicLength = BrokerConfig.DEFAULTS.maxTopicLength();

	private Duration maxPublisherPause = BrokerConfig.DEFAULTS.maxPublisherPause();

	private boolean outboundTopicAliases = BrokerConfig.DEFAULTS.outboundTopicAliases();

	private long persistentSessionExpirySeconds = BrokerConfig.DEFAULTS.persistentSessionExpirySeconds();

	private boolean allowCrossUserTakeover = BrokerConfig.DEFAULTS.allowCrossUserTakeover();

	private Duration partialPacketTimeout = BrokerConfig.DEFAULTS.partialPacketTimeout();

	private long maxBufferedInboundBytes = BrokerConfig.DEFAULTS.maxBufferedInboundBytes();

	private int maxConnectionsPerUser = BrokerConfig.DEFAULTS.maxConnectionsPerUser();

	private int maxConnectionsPerAddress = BrokerConfig.DEFAULTS.maxConnectionsPerAddress();

	protected BrokerConfigBuilder() {
	}

	/**
	 * Takes every setting from a config, its listeners included.
	 * @param config the settings to start from
	 * @return this builder
	 */
	public final B config(BrokerConfig config) {
		this.host = config.host();
		this.port = config.port();
		this.maxInflight = config.maxInflight();
		this.maxQueuedMessages = config.maxQueuedMessages();
		this.maxPacketSize = config.maxPacketSize();
		this.sysInterval = config.sysInterval();
		this.connectTimeout = config.connectTimeout();
		this.nativeTransport = config.nativeTransport();
		this.ioThreads = config.ioThreads();
		this.topicAliasMaximum = config.topicAliasMaximum();
		this.receiveMaximum = config.receiveMaximum();
		this.maxConnections = config.maxConnections();
		this.maxSubscriptionsPerClient = config.maxSubscriptionsPerClient();
		this.maxTopicLevels = config.maxTopicLevels();
		this.listeners.clear();
		this.listeners.addAll(config.listeners());
		this.maxQueuedBytes = config.maxQueuedBytes();
		this.queueOverflowPolicy = config.queueOverflowPolicy();
		this.maxPublishRate = config.maxPublishRate();
		this.maxKeepAlive = config.maxKeepAlive();
		this.maxTopicLength = config.maxTopicLength();
		this.maxPublisherPause = config.maxPublisherPause();
		this.outboundTopicAliases = config.outboundTopicAliases();
		this.persistentSessionExpirySeconds = config.persistentSessionExpirySeconds();
		this.allowCrossUserTakeover = config.allowCrossUserTakeover();
		this.partialPacketTimeout = config.partialPacketTimeout();
		this.maxBufferedInboundBytes = config.maxBufferedInboundBytes();
		this.maxConnectionsPerUser = config.maxConnectionsPerUser();
		this.maxConnectionsPerAddress = config.maxConnectionsPerAddress();
		return self();
	}

	/**
	 * @param host the address to bind; {@code 0.0.0.0} for every interface
	 */
	public final B host(String host) {
		this.host = Objects.requireNonNull(host, "host");
		return self();
	}

	/**
	 * @param port the TCP port; 0 picks a free one
	 */
	public final B port(int port) {
		this.port = port;
		return self();
	}

	/**
	 * @param maxInflight unacknowledged QoS 1/2 messages per client
	 */
	public final B maxInflight(int maxInflight) {
		this.maxInflight = maxInflight;
		return self();
	}

	/**
	 * @param maxQueuedMessages queued QoS 1/2 messages per session before drops
	 */
	public final B maxQueuedMessages(int maxQueuedMessages) {
		this.maxQueuedMessages = maxQueuedMessages;
		return self();
	}

	/**
	 * @param maxPacketSize the largest packet accepted, in bytes
	 */
	public final B maxPacketSize(int maxPacketSize) {
		this.maxPacketSize = maxPacketSize;
		return self();
	}

	/**
	 * @param sysInterval how often {@code $SYS} topics are published; zero for never
	 */
	public final B sysInterval(Duration sysInterval) {
		this.sysInterval = Objects.requireNonNull(sysInterval, "sysInterval");
		return self();
	}

	/**
	 * @param connectTimeout how long a new connection may take to send CONNECT
	 */
	public final B connectTimeout(Duration connectTimeout) {
		this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
		return self();
	}

	/**
	 * @param nativeTransport whether to use epoll when available
	 */
	public final B nativeTransport(boolean nativeTransport) {
		this.nativeTransport = nativeTransport;
		return self();
	}

	/**
	 * @param ioThreads event loop threads; 0 for one per core
	 */
	public final B ioThreads(int ioThreads) {
		this.ioThreads = ioThreads;
		return self();
	}

	/**
	 * @param topicAliasMaximum MQTT 5 topic aliases a client may set; 0 for none
	 * @return this builder
	 */
	public final B topicAliasMaximum(int topicAliasMaximum) {
		this.topicAliasMaximum = topicAliasMaximum;
		return self();
	}

	/**
	 * @param receiveMaximum MQTT 5 unacknowledged inbound QoS 1/2 messages per client,
	 * advertised in CONNACK; more ends the connection with 0x93; default 256
	 * @return this builder
	 */
	public final B receiveMaximum(int receiveMaximum) {
		this.receiveMaximum = receiveMaximum;
		return self();
	}

	/**
	 * Adds a listener. Once any listener is added, {@link #host} and {@link #port} no
	 * longer open one of their own.
	 * @param listener the listener
	 * @return this builder
	 */
	public final B listener(ListenerConfig listener) {
		this.listeners.add(Objects.requireNonNull(listener, "listener"));
		return self();
	}

	/**
	 * @param maxConnections connections over all listeners; 0 for no limit
	 * @return this builder
	 */
	public final B maxConnections(int maxConnections) {
		this.maxConnections = maxConnections;
		return self();
	}

	/**
	 * @param maxSubscriptionsPerClient subscriptions per session; 0 for no limit
	 * @return this builder
	 */
	public final B maxSubscriptionsPerClient(int maxSubscriptionsPerClient) {
		this.maxSubscriptionsPerClient = maxSubscriptionsPerClient;
		return self();
	}

	/**
	 * @param maxTopicLevels levels a topic name or filter may have
	 * @return this builder
	 */
	public final B maxTopicLevels(int maxTopicLevels) {
		this.maxTopicLevels = maxTopicLevels;
		return self();
	}

	/**
	 * @param maxQueuedBytes payload bytes queued per session; 0 for no limit
	 * @return this builder
	 */
	public final B maxQueuedBytes(long maxQueuedBytes) {
		this.maxQueuedBytes = maxQueuedBytes;
		return self();
	}

	/**
	 * @param queueOverflowPolicy what a full session queue does with a new message
	 * @return this builder
	 */
	public final B queueOverflowPolicy(QueueOverflowPolicy queueOverflowPolicy) {
		this.queueOverflowPolicy = Objects.requireNonNull(queueOverflowPolicy, "queueOverflowPolicy");
		return self();
	}

	/**
	 * @param maxPublishRate PUBLISH packets per second per client; 0 for no limit
	 * @return this builder
	 */
	public final B maxPublishRate(int maxPublishRate) {
		this.maxPublishRate = maxPublishRate;
		return self();
	}

	/**
	 * @param maxKeepAlive longest keep-alive a client gets, in seconds; 0 for no cap; see
	 * {@link BrokerConfig#maxKeepAlive()}
	 * @return this builder
	 */
	public final B maxKeepAlive(int maxKeepAlive) {
		this.maxKeepAlive = maxKeepAlive;
		return self();
	}

	/**
	 * @param maxTopicLength longest topic name or filter in UTF-8 bytes
	 * @return this builder
	 */
	public final B maxTopicLength(int maxTopicLength) {
		this.maxTopicLength = maxTopicLength;
		return self();
	}

	/**
	 * @param maxPublisherPause how long publishers may be slowed for one backed-up
	 * subscriber; zero turns publisher backpressure off
	 * @return this builder
	 */
	public final B maxPublisherPause(Duration maxPublisherPause) {
		this.maxPublisherPause = Objects.requireNonNull(maxPublisherPause, "maxPublisherPause");
		return self();
	}

	/**
	 * @param outboundTopicAliases whether MQTT 5 clients that allow it get topic aliases
	 * @return this builder
	 */
	public final B outboundTopicAliases(boolean outboundTopicAliases) {
		this.outboundTopicAliases = outboundTopicAliases;
		return self();
	}

	/**
	 * @param persistentSessionExpiry how long an MQTT 3.1.1 persistent session (clean
	 * session false) outlives its connection; {@code null} for until removed (the
	 * default)
	 * @return this builder
	 */
	public final B persistentSessionExpiry(Duration persistentSessionExpiry) {
		this.persistentSessionExpirySeconds = (persistentSessionExpiry != null)
				? Math.max(1, persistentSessionExpiry.toSeconds()) : -1;
		return self();
	}

	/**
	 * @param allowCrossUserTakeover whether a client of one user may resume or take over
	 * the session another user created (mosquitto's behaviour); off by default: such a
	 * CONNECT is refused with 0x85 (3.1.1: 0x02)
	 * @return this builder
	 */
	public final B allowCrossUserTakeover(boolean allowCrossUserTakeover) {
		this.allowCrossUserTakeover = allowCrossUserTakeover;
		return self();
	}

	/**
	 * @param partialPacketTimeout how long a started packet may take to arrive whole;
	 * zero turns the deadline off
	 * @return this builder
	 */
	public final B partialPacketTimeout(Duration partialPacketTimeout) {
		this.partialPacketTimeout = Objects.requireNonNull(partialPacketTimeout, "partialPacketTimeout");
		return self();
	}

	/**
	 * @param maxBufferedInboundBytes bytes of incomplete packets held over all
	 * connections; 0 for no limit
	 * @return this builder
	 */
	public final B maxBufferedInboundBytes(long maxBufferedInboundBytes) {
		this.maxBufferedInboundBytes = maxBufferedInboundBytes;
		return self();
	}

	/**
	 * @param maxConnectionsPerUser connections one user name may hold at once; 0 for no
	 * limit
	 * @return this builder
	 */
	public final B maxConnectionsPerUser(int maxConnectionsPerUser) {
		this.maxConnectionsPerUser = maxConnectionsPerUser;
		return self();
	}

	/**
	 * @param maxConnectionsPerAddress connections one peer IP address may hold at once; 0
	 * for no limit
	 * @return this builder
	 */
	public final B maxConnectionsPerAddress(int maxConnectionsPerAddress) {
		this.maxConnectionsPerAddress = maxConnectionsPerAddress;
		return self();
	}

	/**
	 * Builds the settings; each is checked here.
	 * @return the settings
	 * @throws IllegalArgumentException if a setting is out of range
	 */
	protected final BrokerConfig toConfig() {
		return new BrokerConfig(this.host, this.port, this.maxInflight, this.maxQueuedMessages, this.maxPacketSize,
				this.sysInterval, this.connectTimeout, this.nativeTransport, this.ioThreads, this.topicAliasMaximum,
				this.receiveMaximum, this.maxConnections, this.maxSubscriptionsPerClient, this.maxTopicLevels,
				this.listeners, this.maxQueuedBytes, this.queueOverflowPolicy, this.maxPublishRate, this.maxKeepAlive,
				this.maxTopicLength, this.maxPublisherPause, this.outboundTopicAliases,
				this.persistentSessionExpirySeconds, this.allowCrossUserTakeover, this.partialPacketTimeout,
				this.maxBufferedInboundBytes, this.maxConnectionsPerUser, this.maxConnectionsPerAddress);
	}

	@SuppressWarnings("unchecked")
	private B self() {
		return (B) this;
	}

}
