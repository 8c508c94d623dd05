package dev.mqttstack.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mqttstack.broker.event.BrokerEvents;
import dev.mqttstack.broker.event.DisconnectReason;
import dev.mqttstack.broker.handler.BrokerServices;
import dev.mqttstack.broker.handler.MqttProtocolLayer;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.routing.PublishRouter;
import dev.mqttstack.broker.security.Authenticator;
import dev.mqttstack.broker.security.Authorizer;
import dev.mqttstack.broker.security.EnhancedAuthenticator;
import dev.mqttstack.broker.connection.MqttConnection;
import dev.mqttstack.broker.session.Session;
import dev.mqttstack.broker.session.SessionRegistry;
import dev.mqttstack.broker.session.SessionSnapshots;
import dev.mqttstack.broker.store.InMemoryRetainedStore;
import dev.mqttstack.broker.store.InMemorySessionStore;
import dev.mqttstack.broker.store.RetainedStore;
import dev.mqttstack.broker.store.SessionStore;
import dev.mqttstack.broker.subscription.SharedGroup;
import dev.mqttstack.broker.subscription.SharedSubscriptionStrategy;
import dev.mqttstack.broker.subscription.SubscriptionIndex;
import dev.mqttstack.broker.subscription.TopicFilter;
import dev.mqttstack.broker.subscription.TrieSubscriptionIndex;
import dev.mqttstack.broker.sys.BrokerMetrics;
import dev.mqttstack.broker.sys.SysTopicPublisher;
import dev.mqttstack.broker.transport.InboundLimits;
import dev.mqttstack.broker.transport.MqttChannelInitializer;
import dev.mqttstack.broker.transport.Transport;

/**
 * An embeddable MQTT broker: built with {@link #builder()}, then {@link #start()}ed and
 * {@link #stop()}ped.
 *
 * <pre class="code">
 * MqttBroker broker = MqttBroker.builder().port(1883).build();
 * broker.start();
 * </pre>
 */
public final class MqttBroker {

	/** The broker's version, as published on {@code $SYS/broker/version}. */
	public static final String VERSION = readVersion();

	private static final Logger logger = LoggerFactory.getLogger(MqttBroker.class);

	/**
	 * Bytes a connection may have written but not yet sent before it counts as not
	 * writable, and messages for it wait in its session queue instead: enough to absorb
	 * bursts to a client that reads at full speed, small enough that a slow one is
	 * bounded by its queue limits.
	 */
	private static final WriteBufferWaterMark WRITE_BUFFER_WATER_MARK = new WriteBufferWaterMark(512 * 1024,
			1024 * 1024);

	private final BrokerConfig config;

	private final Authenticator authenticator;

	private final Authorizer authorizer;

	private final SessionStore sessionStore;

	private final RetainedStore retainedStore;

	private final BrokerEvents events;

	private final SharedSubscriptionStrategy sharedStrategy;

	private final Map<String, EnhancedAuthenticator> enhancedAuthenticators;

	private volatile Running running;

	private MqttBroker(Builder builder) {
		this.config = new BrokerConfig(builder.host, builder.port, builder.maxInflight, builder.maxQueuedMessages,
				builder.maxPacketSize, builder.sysInterval, builder.connectTimeout, builder.nativeTransport,
				builder.ioThreads, builder.topicAliasMaximum, builder.receiveMaximum, builder.maxConnections,
				builder.maxSubscriptionsPerClient, builder.maxTopicLevels, builder.listeners, builder.maxQueuedBytes,
				builder.queueOverflowPolicy, builder.maxPublishRate, builder.maxKeepAlive, builder.maxTopicLength,
				builder.maxPublisherPause, builder.outboundTopicAliases, builder.persistentSessionExpirySeconds,
				builder.allowCrossUserTakeover, builder.partialPacketTimeout, builder.maxBufferedInboundBytes,
				builder.maxConnectionsPerUser, builder.maxConnectionsPerAddress);
		this.authenticator = builder.authenticator;
		this.authorizer = builder.authorizer;
		this.sessionStore = builder.sessionStore;
		this.retainedStore = builder.retainedStore;
		this.events = BrokerEvents.composite(builder.events);
		this.sharedStrategy = builder.sharedStrategy;
		this.enhancedAuthenticators = Map.copyOf(builder.enhancedAuthenticators);
	}

	/**
	 * Starts building a broker with the defaults of {@link BrokerConfig#DEFAULTS}.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Opens the listener: restores stored sessions, binds the port and starts the
	 * {@code $SYS} topics.
	 * @throws IllegalStateException if already started
	 * @throws java.io.UncheckedIOException if the port cannot be bound
	 */
	public synchronized void start() {
		if (this.running != null) {
			throw new IllegalStateException("The broker is already running");
		}
		Transport transport = Transport.select(this.config.nativeTransport());
		EventLoopGroup acceptors = transport.newGroup(1, "mqtt-accept");
		int ioThreads = (this.config.ioThreads() > 0) ? this.config.ioThreads()
				: Runtime.getRuntime().availableProcessors();
		EventLoopGroup workers = transport.newGroup(ioThreads, "mqtt-io");
		BrokerMetrics metrics = new BrokerMetrics();
		SubscriptionIndex index = new TrieSubscriptionIndex();
		SessionRegistry sessions = new SessionRegistry(this.config, index, this.sharedStrategy, this.sessionStore,
				this.events, metrics);
		PublishRouter router = new PublishRouter(index, this.retainedStore, this.authorizer, this.events,
				this.sharedStrategy);
		BrokerServices services = new BrokerServices(this.config, sessions, router, this.retainedStore,
				this.authenticator, this.enhancedAuthenticators, this.authorizer, this.events, metrics);
		ChannelGroup channels = new DefaultChannelGroup("mqtt-connections", GlobalEventExecutor.INSTANCE);
		InboundLimits limits = new InboundLimits(this.config);
		try {
			int restored = sessions.restore(workers);
			List<Channel> listeners = new ArrayList<>();
			for (ListenerConfig listener : this.config.effectiveListeners()) {
				listeners.add(bind(transport, acceptors, workers, listener, services, channels, limits));
			}
			SysTopicPublisher sys = new SysTopicPublisher(VERSION, metrics, sessions::size, index::size,
					this.retainedStore::size, router::publish);
			ScheduledFuture<?> sysTask = null;
			if (!this.config.sysInterval().isZero()) {
				long interval = this.config.sysInterval().toMillis();
				sysTask = workers.next().scheduleAtFixedRate(sys, 0, interval, TimeUnit.MILLISECONDS);
			}
			this.running = new Running(acceptors, workers, listeners, channels, services, sysTask, limits);
			logger.info("mqtt-stack {} started ({}, {} restored sessions)", VERSION, transport.name(), restored);
		}
		catch (RuntimeException ex) {
			channels.close();
			acceptors.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
			workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
			throw ex;
		}
	}

	private Channel bind(Transport transport, EventLoopGroup acceptors, EventLoopGroup workers, ListenerConfig listener,
			BrokerServices services, ChannelGroup channels, InboundLimits limits) {
		ChannelFuture bound = new ServerBootstrap().group(acceptors, workers)
			.channel(transport.serverChannel())
			.option(ChannelOption.SO_BACKLOG, 1024)
			.option(ChannelOption.SO_REUSEADDR, true)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WRITE_BUFFER_WATER_MARK)
			.childHandler(new MqttChannelInitializer(services.config(), services.metrics(), services.events(),
					new MqttProtocolLayer(services, limits), channels, listener, limits))
			.bind(listener.host(), listener.port())
			.awaitUninterruptibly();
		if (!bound.isSuccess()) {
			throw new UncheckedIOException("Cannot listen on " + listener.host() + ":" + listener.port(),
					(bound.cause() instanceof IOException io) ? io : new IOException(bound.cause()));
		}
		channels.add(bound.channel());
		logger.info("Listening on {}://{}:{}{} ({})", listener.scheme(), listener.host(),
				((InetSocketAddress) bound.channel().localAddress()).getPort(),
				(listener.websocketPath() != null) ? listener.websocketPath() : "", listener.name());
		return bound.channel();
	}

	/**
	 * Stops gracefully: stops accepting, disconnects every client, stores persistent
	 * sessions and releases the threads. Does nothing when not running.
	 */
	public synchronized void stop() {
		Running current = this.running;
		if (current == null) {
			return;
		}
		this.running = null;
		if (current.sysTask != null) {
			current.sysTask.cancel(false);
		}
		current.listeners.forEach((listener) -> listener.close().syncUninterruptibly());
		for (Channel channel : current.channels) {
			MqttConnection connection = MqttConnection.of(channel);
			if (connection != null) {
				connection.close(DisconnectReason.SERVER_SHUTTING_DOWN);
			}
		}
		current.channels.newCloseFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
		current.services.sessions().saveAll().orTimeout(5, TimeUnit.SECONDS).exceptionally((ex) -> {
			logger.warn("Not every session was stored before shutdown", ex);
			return null;
		}).join();
		current.acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
		current.workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
		logger.info("mqtt-stack {} stopped", VERSION);
	}

	/**
	 * Whether the broker is listening.
	 * @return {@code true} between {@link #start()} and {@link #stop()}
	 */
	public boolean isRunning() {
		return this.running != null;
	}

	/**
	 * The port the first listener is bound to: the configured one, or the one picked when
	 * configured as 0.
	 * @return the bound port
	 * @throws IllegalStateException when not running
	 */
	public int port() {
		return ((InetSocketAddress) running().listeners.get(0).localAddress()).getPort();
	}

	/**
	 * The port a named listener is bound to.
	 * @param listenerName the listener's name
	 * @return the bound port
	 * @throws IllegalArgumentException if no listener has that name
	 * @throws IllegalStateException when not running
	 */
	public int port(String listenerName) {
		List<ListenerConfig> listeners = this.config.effectiveListeners();
		for (int i = 0; i < listeners.size(); i++) {
			if (listeners.get(i).name().equals(listenerName)) {
				return ((InetSocketAddress) running().listeners.get(i).localAddress()).getPort();
			}
		}
		throw new IllegalArgumentException("No listener named " + listenerName);
	}

	/**
	 * The settings this broker was built with.
	 * @return the settings
	 */
	public BrokerConfig config() {
		return this.config;
	}

	/**
	 * The broker's counters.
	 * @return the metrics of the current run
	 * @throws IllegalStateException when not running
	 */
	public BrokerMetrics metrics() {
		return running().services.metrics();
	}

	/**
	 * Bytes of incomplete packets the broker holds now over all connections, the figure
	 * {@link BrokerConfig#maxBufferedInboundBytes()} bounds.
	 * @return the bytes
	 */
	public long bufferedInboundBytes() {
		return running().limits.bufferedBytes();
	}

	/**
	 * The connected clients.
	 * @return a snapshot of every client that completed CONNECT
	 */
	public List<ClientInfo> clients() {
		List<ClientInfo> clients = new ArrayList<>();
		for (Channel channel : running().channels) {
			MqttConnection connection = MqttConnection.of(channel);
			if (connection != null && connection.isConnected()) {
				clients.add(connection.client());
			}
		}
		return clients;
	}

	/**
	 * Disconnects the connected clients that match a condition; their sessions are kept
	 * as their clean-session flag says, and their wills are published.
	 * @param condition which clients to disconnect
	 * @return how many were disconnected
	 */
	public int disconnectIf(Predicate<ClientInfo> condition) {
		int count = 0;
		for (Channel channel : running().channels) {
			MqttConnection connection = MqttConnection.of(channel);
			if (connection != null && connection.isConnected() && condition.test(connection.client())) {
				connection.close(DisconnectReason.ADMINISTRATIVE_ACTION);
				count++;
			}
		}
		return count;
	}

	/**
	 * Discards a client's session and its queued messages, disconnecting the client when
	 * connected.
	 * @param clientId the client identifier
	 * @return {@code true} if a session existed
	 */
	public boolean discardSession(String clientId) {
		return running().services.sessions().discard(clientId);
	}

	/**
	 * Whether the broker holds a session for a client identifier, connected or not.
	 * @param clientId the client identifier
	 * @return {@code true} if a session exists
	 */
	public boolean hasSession(String clientId) {
		return running().services.sessions().get(clientId) != null;
	}

	/**
	 * A snapshot of a session, read on its own event loop.
	 * @param clientId the client identifier
	 * @return the snapshot, or empty when there is no such session
	 */
	public Optional<SessionInfo> session(String clientId) {
		Session session = running().services.sessions().get(clientId);
		if (session == null) {
			return Optional.empty();
		}
		return Optional.ofNullable(SessionSnapshots.of(session).orTimeout(5, TimeUnit.SECONDS).join());
	}

	/**
	 * Snapshots of every session, connected or offline, each read on its own event loop.
	 * @return completes with the snapshots, sorted by client identifier
	 */
	public CompletableFuture<List<SessionInfo>> sessions() {
		return sessions((clientId) -> true);
	}

	/**
	 * Snapshots of the sessions whose client identifiers match, each read on its own
	 * event loop; sessions that do not match are not read at all.
	 * @param clientIds which client identifiers to read
	 * @return completes with the snapshots, sorted by client identifier
	 */
	public CompletableFuture<List<SessionInfo>> sessions(Predicate<String> clientIds) {
		List<Session> selected = running().services.sessions()
			.sessions()
			.stream()
			.filter((session) -> clientIds.test(session.clientId()))
			.toList();
		return SessionSnapshots.of(selected);
	}

	/**
	 * The retained messages whose topics match a filter, leaving out those whose MQTT 5
	 * message expiry has passed (they are never delivered again).
	 * @param topicFilter a topic filter, wildcards allowed, not a shared one
	 * @return the messages, sorted by topic
	 * @throws IllegalArgumentException if the filter is not a valid topic filter
	 */
	public List<Message> retained(String topicFilter) {
		long now = System.currentTimeMillis();
		return matchRetained(topicFilter).stream().filter((message) -> !message.isExpired(now)).toList();
	}

	/**
	 * Clears the retained messages whose topics match a filter, expired ones included.
	 * @param topicFilter a topic filter, wildcards allowed, not a shared one
	 * @return the topics cleared, sorted
	 * @throws IllegalArgumentException if the filter is not a valid topic filter
	 */
	public List<String> clearRetained(String topicFilter) {
		List<String> topics = matchRetained(topicFilter).stream().map(Message::topic).toList();
		topics.forEach(this.retainedStore::remove);
		return topics;
	}

	private List<Message> matchRetained(String topicFilter) {
		if (topicFilter == null || SharedGroup.isShared(topicFilter) || !TopicFilter.isValidFilter(topicFilter)) {
			throw new IllegalArgumentException("Not a valid topic filter: '" + topicFilter + "'");
		}
		return this.retainedStore.match(topicFilter).stream().sorted(Comparator.comparing(Message::topic)).toList();
	}

	/**
	 * Publishes a message from the embedding application, as if a client had published
	 * it.
	 * @param message the message
	 */
	public void publish(Message message) {
		running().services.router().publish(message);
	}

	private Running running() {
		Running current = this.running;
		if (current == null) {
			throw new IllegalStateException("The broker is not running");
		}
		return current;
	}

	private static String readVersion() {
		try (InputStream in = MqttBroker.class.getResourceAsStream("broker.properties")) {
			Properties properties = new Properties();
			if (in != null) {
				properties.load(in);
			}
			return properties.getProperty("version", "unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private record Running(EventLoopGroup acceptors, EventLoopGroup workers, List<Channel> listeners,
			ChannelGroup channels, BrokerServices services, ScheduledFuture<?> sysTask, InboundLimits limits) {
	}

	/**
	 * Builder of an {@link MqttBroker}; every setting starts at its {@link BrokerConfig}
	 * default.
	 */
	public static final class Builder {

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

		private Authenticator authenticator = Authenticator.ALLOW_ALL;

		private Authorizer authorizer = Authorizer.ALLOW_ALL;

		private SessionStore sessionStore = new InMemorySessionStore();

		private RetainedStore retainedStore = new InMemoryRetainedStore();

		private final List<BrokerEvents> events = new ArrayList<>();

		private SharedSubscriptionStrategy sharedStrategy = SharedSubscriptionStrategy.ROUND_ROBIN;

		private int maxConnections = BrokerConfig.DEFAULTS.maxConnections();

		private int maxSubscriptionsPerClient = BrokerConfig.DEFAULTS.maxSubscriptionsPerClient();

		private int maxTopicLevels = BrokerConfig.DEFAULTS.maxTopicLevels();

		private final List<ListenerConfig> listeners = new ArrayList<>();

		private final Map<String, EnhancedAuthenticator> enhancedAuthenticators = new LinkedHashMap<>();

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

		private Builder() {
		}

		/**
		 * @param host the address to bind; {@code 0.0.0.0} for every interface
		 */
		public Builder host(String host) {
			this.host = Objects.requireNonNull(host, "host");
			return this;
		}

		/**
		 * @param port the TCP port; 0 picks a free one
		 */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/**
		 * @param maxInflight unacknowledged QoS 1/2 messages per client
		 */
		public Builder maxInflight(int maxInflight) {
			this.maxInflight = maxInflight;
			return this;
		}

		/**
		 * @param maxQueuedMessages queued QoS 1/2 messages per session before drops
		 */
		public Builder maxQueuedMessages(int maxQueuedMessages) {
			this.maxQueuedMessages = maxQueuedMessages;
			return this;
		}

		/**
		 * @param maxPacketSize the largest packet accepted, in bytes
		 */
		public Builder maxPacketSize(int maxPacketSize) {
			this.maxPacketSize = maxPacketSize;
			return this;
		}

		/**
		 * @param sysInterval how often {@code $SYS} topics are published; zero for never
		 */
		public Builder sysInterval(Duration sysInterval) {
			this.sysInterval = Objects.requireNonNull(sysInterval, "sysInterval");
			return this;
		}

		/**
		 * @param connectTimeout how long a new connection may take to send CONNECT
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
			return this;
		}

		/**
		 * @param nativeTransport whether to use epoll when available
		 */
		public Builder nativeTransport(boolean nativeTransport) {
			this.nativeTransport = nativeTransport;
			return this;
		}

		/**
		 * @param ioThreads event loop threads; 0 for one per core
		 */
		public Builder ioThreads(int ioThreads) {
			this.ioThreads = ioThreads;
			return this;
		}

		/**
		 * @param topicAliasMaximum MQTT 5 topic aliases a client may set; 0 for none
		 * @return this builder
		 */
		public Builder topicAliasMaximum(int topicAliasMaximum) {
			this.topicAliasMaximum = topicAliasMaximum;
			return this;
		}

		/**
		 * @param receiveMaximum MQTT 5 unacknowledged inbound QoS 1/2 messages per
		 * client, advertised in CONNACK; more ends the connection with 0x93; default 256
		 * @return this builder
		 */
		public Builder receiveMaximum(int receiveMaximum) {
			this.receiveMaximum = receiveMaximum;
			return this;
		}

		/**
		 * @param sharedStrategy picks the member of a {@code $share/{group}/{filter}}
		 * group that receives a message; round robin by default
		 * @return this builder
		 */
		public Builder sharedSubscriptionStrategy(SharedSubscriptionStrategy sharedStrategy) {
			this.sharedStrategy = Objects.requireNonNull(sharedStrategy, "sharedStrategy");
			return this;
		}

		/**
		 * Adds a listener. Once any listener is added, {@link #host} and {@link #port} no
		 * longer open one of their own.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(ListenerConfig listener) {
			this.listeners.add(Objects.requireNonNull(listener, "listener"));
			return this;
		}

		/**
		 * @param maxConnections connections over all listeners; 0 for no limit
		 * @return this builder
		 */
		public Builder maxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
			return this;
		}

		/**
		 * @param maxSubscriptionsPerClient subscriptions per session; 0 for no limit
		 * @return this builder
		 */
		public Builder maxSubscriptionsPerClient(int maxSubscriptionsPerClient) {
			this.maxSubscriptionsPerClient = maxSubscriptionsPerClient;
			return this;
		}

		/**
		 * @param maxTopicLevels levels a topic name or filter may have
		 * @return this builder
		 */
		public Builder maxTopicLevels(int maxTopicLevels) {
			this.maxTopicLevels = maxTopicLevels;
			return this;
		}

		/**
		 * @param maxQueuedBytes payload bytes queued per session; 0 for no limit
		 * @return this builder
		 */
		public Builder maxQueuedBytes(long maxQueuedBytes) {
			this.maxQueuedBytes = maxQueuedBytes;
			return this;
		}

		/**
		 * @param queueOverflowPolicy what a full session queue does with a new message
		 * @return this builder
		 */
		public Builder queueOverflowPolicy(QueueOverflowPolicy queueOverflowPolicy) {
			this.queueOverflowPolicy = Objects.requireNonNull(queueOverflowPolicy, "queueOverflowPolicy");
			return this;
		}

		/**
		 * @param maxPublishRate PUBLISH packets per second per client; 0 for no limit
		 * @return this builder
		 */
		public Builder maxPublishRate(int maxPublishRate) {
			this.maxPublishRate = maxPublishRate;
			return this;
		}

		/**
		 * Adds MQTT 5 enhanced authentication for a method; CONNECTs naming another
		 * method are refused with 0x8C.
		 * @param enhancedAuthenticator the authenticator of one method
		 * @return this builder
		 */
		public Builder enhancedAuthenticator(EnhancedAuthenticator enhancedAuthenticator) {
			this.enhancedAuthenticators.put(enhancedAuthenticator.method(), enhancedAuthenticator);
			return this;
		}

		/**
		 * @param maxKeepAlive longest keep-alive a client gets, in seconds; 0 for no cap;
		 * see {@link BrokerConfig#maxKeepAlive()}
		 * @return this builder
		 */
		public Builder maxKeepAlive(int maxKeepAlive) {
			this.maxKeepAlive = maxKeepAlive;
			return this;
		}

		/**
		 * @param maxTopicLength longest topic name or filter in UTF-8 bytes
		 * @return this builder
		 */
		public Builder maxTopicLength(int maxTopicLength) {
			this.maxTopicLength = maxTopicLength;
			return this;
		}

		/**
		 * @param maxPublisherPause how long publishers may be slowed for one backed-up
		 * subscriber; zero turns publisher backpressure off
		 * @return this builder
		 */
		public Builder maxPublisherPause(Duration maxPublisherPause) {
			this.maxPublisherPause = Objects.requireNonNull(maxPublisherPause, "maxPublisherPause");
			return this;
		}

		/**
		 * @param outboundTopicAliases whether MQTT 5 clients that allow it get topic
		 * aliases
		 * @return this builder
		 */
		public Builder outboundTopicAliases(boolean outboundTopicAliases) {
			this.outboundTopicAliases = outboundTopicAliases;
			return this;
		}

		/**
		 * @param persistentSessionExpiry how long an MQTT 3.1.1 persistent session (clean
		 * session false) outlives its connection; {@code null} for until removed (the
		 * default)
		 * @return this builder
		 */
		public Builder persistentSessionExpiry(Duration persistentSessionExpiry) {
			this.persistentSessionExpirySeconds = (persistentSessionExpiry != null)
					? Math.max(1, persistentSessionExpiry.toSeconds()) : -1;
			return this;
		}

		/**
		 * @param allowCrossUserTakeover whether a client of one user may resume or take
		 * over the session another user created (mosquitto's behaviour); off by default:
		 * such a CONNECT is refused with 0x85 (3.1.1: 0x02)
		 * @return this builder
		 */
		public Builder allowCrossUserTakeover(boolean allowCrossUserTakeover) {
			this.allowCrossUserTakeover = allowCrossUserTakeover;
			return this;
		}

		/**
		 * @param partialPacketTimeout how long a started packet may take to arrive whole;
		 * zero turns the deadline off
		 * @return this builder
		 */
		public Builder partialPacketTimeout(Duration partialPacketTimeout) {
			this.partialPacketTimeout = Objects.requireNonNull(partialPacketTimeout, "partialPacketTimeout");
			return this;
		}

		/**
		 * @param maxBufferedInboundBytes bytes of incomplete packets held over all
		 * connections; 0 for no limit
		 * @return this builder
		 */
		public Builder maxBufferedInboundBytes(long maxBufferedInboundBytes) {
			this.maxBufferedInboundBytes = maxBufferedInboundBytes;
			return this;
		}

		/**
		 * @param maxConnectionsPerUser connections one user name may hold at once; 0 for
		 * no limit
		 * @return this builder
		 */
		public Builder maxConnectionsPerUser(int maxConnectionsPerUser) {
			this.maxConnectionsPerUser = maxConnectionsPerUser;
			return this;
		}

		/**
		 * @param maxConnectionsPerAddress connections one peer IP address may hold at
		 * once; 0 for no limit
		 * @return this builder
		 */
		public Builder maxConnectionsPerAddress(int maxConnectionsPerAddress) {
			this.maxConnectionsPerAddress = maxConnectionsPerAddress;
			return this;
		}

		/**
		 * @param authenticator decides CONNECTs; by default every client is accepted
		 */
		public Builder authenticator(Authenticator authenticator) {
			this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
			return this;
		}

		/**
		 * @param authorizer decides publish, subscribe and receive; by default everything
		 * is allowed
		 */
		public Builder authorizer(Authorizer authorizer) {
			this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
			return this;
		}

		/**
		 * @param sessionStore keeps persistent sessions across restarts; in memory by
		 * default
		 */
		public Builder sessionStore(SessionStore sessionStore) {
			this.sessionStore = Objects.requireNonNull(sessionStore, "sessionStore");
			return this;
		}

		/**
		 * @param retainedStore keeps retained messages; in memory by default
		 */
		public Builder retainedStore(RetainedStore retainedStore) {
			this.retainedStore = Objects.requireNonNull(retainedStore, "retainedStore");
			return this;
		}

		/**
		 * @param listener an event listener to add; several may be added
		 */
		public Builder events(BrokerEvents listener) {
			this.events.add(Objects.requireNonNull(listener, "listener"));
			return this;
		}

		/**
		 * Builds the broker; its settings are checked here.
		 * @return the broker, not yet started
		 * @throws IllegalArgumentException if a setting is out of range
		 */
		public MqttBroker build() {
			return new MqttBroker(this);
		}

	}

}
