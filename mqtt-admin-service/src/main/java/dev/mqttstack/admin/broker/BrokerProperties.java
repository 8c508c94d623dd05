package dev.mqttstack.admin.broker;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import dev.mqttstack.broker.QueueOverflowPolicy;

/**
 * Settings of the hosted MQTT broker under {@code mqtt.broker}; each default is
 * broker-module's ({@code BrokerConfig.DEFAULTS}).
 */
@ConfigurationProperties("mqtt.broker")
@Validated
public class BrokerProperties {

	/** Whether the service hosts the broker at all. */
	private boolean enabled = true;

	/** Address the MQTT listener binds to; 0.0.0.0 for every interface. */
	private String host = "0.0.0.0";

	/**
	 * TCP port of the default MQTT listener (named "default"); 0 picks a free one, -1
	 * turns it off (then at least one of "listeners" is needed). It opens alongside the
	 * configured listeners.
	 */
	@Min(-1)
	@Max(65535)
	private int port = 1883;

	/** Outbound QoS 1/2 messages sent to one client and not yet acknowledged. */
	@Min(1)
	@Max(65535)
	private int maxInflight = 20;

	/**
	 * QoS 1/2 messages queued for one session beyond the in-flight window or while its
	 * client is offline; what overflows is dropped and counted.
	 */
	@Min(0)
	private int maxQueuedMessages = 1000;

	/** Largest packet accepted; a larger one closes the connection. */
	private DataSize maxPacketSize = DataSize.ofMegabytes(2);

	/**
	 * Additional listeners by name, each TCP, TLS, WebSocket or WebSocket over TLS with
	 * its own address, port and connection limit.
	 */
	@Valid
	private Map<String, ListenerProperties> listeners = new LinkedHashMap<>();

	/**
	 * Connections accepted at once over all listeners; more are closed at once and
	 * counted; 0 for no limit.
	 */
	@Min(0)
	private int maxConnections;

	/**
	 * Payload bytes queued for one session; with max-queued-messages it bounds the memory
	 * a slow or offline subscriber holds; 0 for no limit.
	 */
	private DataSize maxQueuedBytes = DataSize.ofMegabytes(16);

	/**
	 * What a full session queue does with a new message; whatever is dropped is counted.
	 */
	@NotNull
	private QueueOverflowPolicy queueOverflowPolicy = QueueOverflowPolicy.DROP_NEW;

	/**
	 * Subscriptions one session may hold; more get a SUBACK failure (MQTT 5: 0x97 quota
	 * exceeded); 0 for no limit.
	 */
	@Min(0)
	private int maxSubscriptionsPerClient;

	/**
	 * Levels a topic name or filter may have; a deeper filter is refused and a PUBLISH to
	 * a deeper topic ends the connection.
	 */
	@Min(1)
	private int maxTopicLevels = 128;

	/**
	 * Longest topic name or filter in UTF-8 bytes; a longer filter is refused and a
	 * PUBLISH to a longer topic ends the connection.
	 */
	@Min(1)
	@Max(65535)
	private int maxTopicLength = 65535;

	/**
	 * PUBLISH packets per second one client may send; a faster client is slowed by
	 * pausing reads from its socket, not disconnected; 0 for no limit.
	 */
	@Min(0)
	private int maxPublishRate;

	/**
	 * Longest keep-alive a client gets, whole seconds up to 65535 s, as mosquitto's
	 * max_keepalive: an MQTT 5 client asking for more, or for none, gets this one in
	 * CONNACK (server keep alive); an MQTT 3.1/3.1.1 client asking for more is refused
	 * with 0x02 (identifier rejected), one asking for none too when the cap is below
	 * 65535 s; 0 for no cap.
	 */
	private Duration maxKeepAlive = Duration.ofSeconds(65535);

	/**
	 * Whether a client may resume or take over a session another user created by reusing
	 * its client id (mosquitto's behaviour). Off: such a CONNECT is refused (MQTT 5 0x85,
	 * 3.1.1 0x02), logged and reported, and the owner's session and connection stay
	 * untouched. Clients without a user name own their sessions as "no user".
	 */
	private boolean allowCrossUserTakeover;

	/**
	 * How long a packet whose first byte arrived may take to arrive whole; a slower
	 * connection is closed (MQTT 5: DISCONNECT 0x8D) and reported; zero turns the
	 * deadline off.
	 */
	private Duration partialPacketTimeout = Duration.ofSeconds(30);

	/**
	 * Bytes of incomplete packets held over all connections; the connection whose bytes
	 * would pass it is closed (MQTT 5: DISCONNECT 0x97) and reported; 0 for no limit.
	 */
	private DataSize maxBufferedInboundBytes = DataSize.ofMegabytes(256);

	/**
	 * Connections one user name may hold at once; more are refused at CONNECT (MQTT 5
	 * 0x97 quota exceeded, 3.1.1 0x03 server unavailable); clients without a user name
	 * are not counted; 0 for no limit.
	 */
	@Min(0)
	private int maxConnectionsPerUser;

	/**
	 * Connections one peer IP address may hold at once; more are refused at CONNECT (MQTT
	 * 5 0x97 quota exceeded, 3.1.1 0x03 server unavailable); 0 for no limit.
	 */
	@Min(0)
	private int maxConnectionsPerAddress;

	public boolean isAllowCrossUserTakeover() {
		return this.allowCrossUserTakeover;
	}

	public void setAllowCrossUserTakeover(boolean allowCrossUserTakeover) {
		this.allowCrossUserTakeover = allowCrossUserTakeover;
	}

	public Duration getPartialPacketTimeout() {
		return this.partialPacketTimeout;
	}

	public void setPartialPacketTimeout(Duration partialPacketTimeout) {
		this.partialPacketTimeout = partialPacketTimeout;
	}

	public DataSize getMaxBufferedInboundBytes() {
		return this.maxBufferedInboundBytes;
	}

	public void setMaxBufferedInboundBytes(DataSize maxBufferedInboundBytes) {
		this.maxBufferedInboundBytes = maxBufferedInboundBytes;
	}

	public int getMaxConnectionsPerUser() {
		return this.maxConnectionsPerUser;
	}

	public void setMaxConnectionsPerUser(int maxConnectionsPerUser) {
		this.maxConnectionsPerUser = maxConnectionsPerUser;
	}

	public int getMaxConnectionsPerAddress() {
		return this.maxConnectionsPerAddress;
	}

	public void setMaxConnectionsPerAddress(int maxConnectionsPerAddress) {
		this.maxConnectionsPerAddress = maxConnectionsPerAddress;
	}

	/**
	 * Publisher backpressure: how long the clients publishing to a backed-up subscriber
	 * may be slowed before that subscriber's queue applies the overflow policy instead;
	 * zero turns publisher backpressure off.
	 */
	private Duration maxPublisherPause = Duration.ofSeconds(5);

	/**
	 * MQTT 5 topic aliases a client may set for its publications; 0 for none.
	 */
	@Min(0)
	@Max(65535)
	private int topicAliasMaximum = 10;

	/**
	 * MQTT 5 inbound QoS 1/2 messages a client may have unacknowledged, advertised in
	 * CONNACK as Receive Maximum; more ends the connection with 0x93.
	 */
	@Min(1)
	@Max(65535)
	private int receiveMaximum = 256;

	/**
	 * Whether MQTT 5 clients that set a topic alias maximum get topic aliases from the
	 * broker; turn off for clients that advertise a maximum but cannot resolve aliases
	 * (Eclipse Paho Java v5 1.2.5, libmosquitto 2.0).
	 */
	private boolean outboundTopicAliases = true;

	/**
	 * Which member of a shared subscription group ($share/group/filter) receives a
	 * message.
	 */
	@NotNull
	private SharedSubscriptionPolicy sharedSubscriptionStrategy = SharedSubscriptionPolicy.ROUND_ROBIN;

	/** How often $SYS/broker topics are published; zero turns them off. */
	private Duration sysInterval = Duration.ofSeconds(10);

	/** How long a new connection may take to send CONNECT. */
	private Duration connectTimeout = Duration.ofSeconds(20);

	/** Whether clients that send no user name may connect. */
	private boolean allowAnonymous;

	/** Whether to use native epoll when the platform has it. */
	private boolean nativeTransport = true;

	/** Event loop threads; 0 means twice the number of cores. */
	@Min(0)
	private int ioThreads;

	/**
	 * How long an MQTT 3.1.1 persistent session (clean session false) outlives its
	 * connection before it and its messages are purged; unset keeps it until removed.
	 * MQTT 5 clients choose their own session expiry.
	 */
	private Duration persistentSessionExpiry;

	public Duration getPersistentSessionExpiry() {
		return this.persistentSessionExpiry;
	}

	public void setPersistentSessionExpiry(Duration persistentSessionExpiry) {
		this.persistentSessionExpiry = persistentSessionExpiry;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getHost() {
		return this.host;
	}

	public void setHost(String host) {
		this.host = host;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

	public int getMaxInflight() {
		return this.maxInflight;
	}

	public void setMaxInflight(int maxInflight) {
		this.maxInflight = maxInflight;
	}

	public int getMaxQueuedMessages() {
		return this.maxQueuedMessages;
	}

	public void setMaxQueuedMessages(int maxQueuedMessages) {
		this.maxQueuedMessages = maxQueuedMessages;
	}

	public DataSize getMaxPacketSize() {
		return this.maxPacketSize;
	}

	public void setMaxPacketSize(DataSize maxPacketSize) {
		this.maxPacketSize = maxPacketSize;
	}

	public Map<String, ListenerProperties> getListeners() {
		return this.listeners;
	}

	public void setListeners(Map<String, ListenerProperties> listeners) {
		this.listeners = listeners;
	}

	public int getMaxConnections() {
		return this.maxConnections;
	}

	public void setMaxConnections(int maxConnections) {
		this.maxConnections = maxConnections;
	}

	public DataSize getMaxQueuedBytes() {
		return this.maxQueuedBytes;
	}

	public void setMaxQueuedBytes(DataSize maxQueuedBytes) {
		this.maxQueuedBytes = maxQueuedBytes;
	}

	public QueueOverflowPolicy getQueueOverflowPolicy() {
		return this.queueOverflowPolicy;
	}

	public void setQueueOverflowPolicy(QueueOverflowPolicy queueOverflowPolicy) {
		this.queueOverflowPolicy = queueOverflowPolicy;
	}

	public int getMaxSubscriptionsPerClient() {
		return this.maxSubscriptionsPerClient;
	}

	public void setMaxSubscriptionsPerClient(int maxSubscriptionsPerClient) {
		this.maxSubscriptionsPerClient = maxSubscriptionsPerClient;
	}

	public int getMaxTopicLevels() {
		return this.maxTopicLevels;
	}

	public void setMaxTopicLevels(int maxTopicLevels) {
		this.maxTopicLevels = maxTopicLevels;
	}

	public int getMaxTopicLength() {
		return this.maxTopicLength;
	}

	public void setMaxTopicLength(int maxTopicLength) {
		this.maxTopicLength = maxTopicLength;
	}

	public int getMaxPublishRate() {
		return this.maxPublishRate;
	}

	public void setMaxPublishRate(int maxPublishRate) {
		this.maxPublishRate = maxPublishRate;
	}

	public Duration getMaxKeepAlive() {
		return this.maxKeepAlive;
	}

	public void setMaxKeepAlive(Duration maxKeepAlive) {
		this.maxKeepAlive = maxKeepAlive;
	}

	public Duration getMaxPublisherPause() {
		return this.maxPublisherPause;
	}

	public void setMaxPublisherPause(Duration maxPublisherPause) {
		this.maxPublisherPause = maxPublisherPause;
	}

	public int getTopicAliasMaximum() {
		return this.topicAliasMaximum;
	}

	public void setTopicAliasMaximum(int topicAliasMaximum) {
		this.topicAliasMaximum = topicAliasMaximum;
	}

	public int getReceiveMaximum() {
		return this.receiveMaximum;
	}

	public void setReceiveMaximum(int receiveMaximum) {
		this.receiveMaximum = receiveMaximum;
	}

	public boolean isOutboundTopicAliases() {
		return this.outboundTopicAliases;
	}

	public void setOutboundTopicAliases(boolean outboundTopicAliases) {
		this.outboundTopicAliases = outboundTopicAliases;
	}

	public SharedSubscriptionPolicy getSharedSubscriptionStrategy() {
		return this.sharedSubscriptionStrategy;
	}

	public void setSharedSubscriptionStrategy(SharedSubscriptionPolicy sharedSubscriptionStrategy) {
		this.sharedSubscriptionStrategy = sharedSubscriptionStrategy;
	}

	public Duration getSysInterval() {
		return this.sysInterval;
	}

	public void setSysInterval(Duration sysInterval) {
		this.sysInterval = sysInterval;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public boolean isAllowAnonymous() {
		return this.allowAnonymous;
	}

	public void setAllowAnonymous(boolean allowAnonymous) {
		this.allowAnonymous = allowAnonymous;
	}

	public boolean isNativeTransport() {
		return this.nativeTransport;
	}

	public void setNativeTransport(boolean nativeTransport) {
		this.nativeTransport = nativeTransport;
	}

	public int getIoThreads() {
		return this.ioThreads;
	}

	public void setIoThreads(int ioThreads) {
		this.ioThreads = ioThreads;
	}

}
