package dev.mqttstack.broker.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
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

import dev.mqttstack.broker.BrokerConfig;
import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.ListenerConfig;
import dev.mqttstack.broker.SessionInfo;
import dev.mqttstack.broker.cluster.Cluster;
import dev.mqttstack.broker.cluster.RouteCountingIndex;
import dev.mqttstack.broker.connection.MqttConnection;
import dev.mqttstack.broker.event.DisconnectReason;
import dev.mqttstack.broker.handler.BrokerServices;
import dev.mqttstack.broker.handler.MqttProtocolLayer;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.routing.PublishRouter;
import dev.mqttstack.broker.session.Session;
import dev.mqttstack.broker.session.SessionRegistry;
import dev.mqttstack.broker.session.SessionSnapshots;
import dev.mqttstack.broker.subscription.SubscriptionIndex;
import dev.mqttstack.broker.subscription.TrieSubscriptionIndex;
import dev.mqttstack.broker.sys.BrokerCounts;
import dev.mqttstack.broker.sys.BrokerMetrics;
import dev.mqttstack.broker.sys.SysTopicPublisher;
import dev.mqttstack.broker.transport.InboundLimits;
import dev.mqttstack.broker.transport.MqttChannelInitializer;
import dev.mqttstack.broker.transport.Transport;

/**
 * One run of a broker, from start to stop: wires the settings and collaborators into the
 * session registry, the router and the handlers, opens the event loops and listeners,
 * schedules the {@code $SYS} topics, and answers the queries of the public entry point
 * about what is running. The broker's internal assembly: the one place that knows every
 * part.
 */
public final class BrokerRuntime {

	private static final Logger logger = LoggerFactory.getLogger(BrokerRuntime.class);

	/**
	 * Bytes a connection may have written but not yet sent before it counts as not
	 * writable, and messages for it wait in its session queue instead: enough to absorb
	 * bursts to a client that reads at full speed, small enough that a slow one is
	 * bounded by its queue limits.
	 */
	private static final WriteBufferWaterMark WRITE_BUFFER_WATER_MARK = new WriteBufferWaterMark(512 * 1024,
			1024 * 1024);

	/**
	 * One read-buffer sizer for every connection instead of one each: reads start at 512
	 * bytes (most MQTT packets are smaller; Netty's default is 2 KiB) and grow to 64 KiB
	 * for a client that sends more.
	 */
	private static final AdaptiveRecvByteBufAllocator READ_BUFFERS = new AdaptiveRecvByteBufAllocator(64, 512, 65_536);

	private final EventLoopGroup acceptors;

	private final EventLoopGroup workers;

	private final List<Channel> listeners;

	private final ChannelGroup channels;

	private final BrokerServices services;

	private final ScheduledFuture<?> sysTask;

	private final InboundLimits limits;

	private final SubscriptionIndex index;

	private final Cluster cluster;

	private BrokerRuntime(EventLoopGroup acceptors, EventLoopGroup workers, List<Channel> listeners,
			ChannelGroup channels, BrokerServices services, ScheduledFuture<?> sysTask, InboundLimits limits,
			SubscriptionIndex index, Cluster cluster) {
		this.cluster = cluster;
		this.acceptors = acceptors;
		this.workers = workers;
		this.listeners = listeners;
		this.channels = channels;
		this.services = services;
		this.sysTask = sysTask;
		this.limits = limits;
		this.index = index;
	}

	/**
	 * Starts a run: restores stored sessions, binds the listeners and starts the
	 * {@code $SYS} topics.
	 * @param config the settings
	 * @param parts the collaborators
	 * @param version the broker version, for {@code $SYS} and the log
	 * @return the running broker
	 * @throws java.io.UncheckedIOException if a port cannot be bound
	 */
	public static BrokerRuntime start(BrokerConfig config, BrokerCollaborators parts, String version) {
		Transport transport = Transport.select(config.nativeTransport());
		EventLoopGroup acceptors = transport.newGroup(1, "mqtt-accept");
		int ioThreads = (config.ioThreads() > 0) ? config.ioThreads() : Runtime.getRuntime().availableProcessors();
		EventLoopGroup workers = transport.newGroup(ioThreads, "mqtt-io");
		BrokerMetrics metrics = new BrokerMetrics();
		Cluster cluster = parts.cluster();
		SubscriptionIndex index = cluster.isSingleNode() ? new TrieSubscriptionIndex()
				: new RouteCountingIndex(new TrieSubscriptionIndex(), cluster);
		SessionRegistry sessions = new SessionRegistry(config, index, parts.sharedStrategy(), parts.sessionStore(),
				parts.events(), metrics, parts.clock(), cluster);
		PublishRouter router = new PublishRouter(index, parts.retainedStore(), parts.authorizer(), parts.events(),
				parts.sharedStrategy(), parts.clock(), cluster);
		BrokerServices services = new BrokerServices(config, sessions, router, parts.retainedStore(),
				parts.authenticator(), parts.enhancedAuthenticators(), parts.authorizer(), parts.events(), metrics);
		ChannelGroup channels = new DefaultChannelGroup("mqtt-connections", GlobalEventExecutor.INSTANCE);
		InboundLimits limits = new InboundLimits(config);
		try {
			cluster.start(new LocalClusterNode(router, sessions, (condition) -> disconnectIf(channels, condition)));
			int restored = sessions.restore(workers);
			List<Channel> listeners = new ArrayList<>();
			for (ListenerConfig listener : config.effectiveListeners()) {
				listeners.add(bind(transport, acceptors, workers, listener, services, channels, limits));
			}
			SysTopicPublisher sys = new SysTopicPublisher(version, metrics, sessions::size, index::size,
					parts.retainedStore()::size, router::publish);
			ScheduledFuture<?> sysTask = null;
			if (!config.sysInterval().isZero()) {
				long interval = config.sysInterval().toMillis();
				sysTask = workers.next().scheduleAtFixedRate(sys, 0, interval, TimeUnit.MILLISECONDS);
			}
			BrokerRuntime runtime = new BrokerRuntime(acceptors, workers, listeners, channels, services, sysTask,
					limits, index, cluster);
			logger.info("mqtt-stack {} started ({}, {} restored sessions)", version, transport.name(), restored);
			return runtime;
		}
		catch (RuntimeException ex) {
			cluster.stop();
			channels.close();
			acceptors.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
			workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
			throw ex;
		}
	}

	private static Channel bind(Transport transport, EventLoopGroup acceptors, EventLoopGroup workers,
			ListenerConfig listener, BrokerServices services, ChannelGroup channels, InboundLimits limits) {
		ChannelFuture bound = new ServerBootstrap().group(acceptors, workers)
			.channel(transport.serverChannel())
			.option(ChannelOption.SO_BACKLOG, 1024)
			.option(ChannelOption.SO_REUSEADDR, true)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WRITE_BUFFER_WATER_MARK)
			.childOption(ChannelOption.RCVBUF_ALLOCATOR, READ_BUFFERS)
			.childHandler(new MqttChannelInitializer(services.config(), services.metrics(), services.events(),
					new MqttProtocolLayer(services, limits), channels, listener, limits, services.sessions().clock()))
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
	 * sessions and releases the threads.
	 */
	public void stop() {
		if (this.sysTask != null) {
			this.sysTask.cancel(false);
		}
		this.listeners.forEach((listener) -> listener.close().syncUninterruptibly());
		this.cluster.stop();
		for (Channel channel : this.channels) {
			MqttConnection connection = MqttConnection.of(channel);
			if (connection != null) {
				connection.close(DisconnectReason.SERVER_SHUTTING_DOWN);
			}
		}
		this.channels.newCloseFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
		this.services.sessions().saveAll().orTimeout(5, TimeUnit.SECONDS).exceptionally((ex) -> {
			logger.warn("Not every session was stored before shutdown", ex);
			return null;
		}).join();
		this.acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
		this.workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
	}

	/**
	 * The port a listener is bound to.
	 * @param index the listener's index in {@link BrokerConfig#effectiveListeners()}
	 * @return the bound port
	 */
	public int port(int index) {
		return ((InetSocketAddress) this.listeners.get(index).localAddress()).getPort();
	}

	public BrokerMetrics metrics() {
		return this.services.metrics();
	}

	public long bufferedInboundBytes() {
		return this.limits.bufferedBytes();
	}

	/**
	 * The connected clients.
	 * @return a snapshot of every client that completed CONNECT
	 */
	public List<ClientInfo> clients() {
		List<ClientInfo> clients = new ArrayList<>();
		for (Channel channel : this.channels) {
			MqttConnection connection = MqttConnection.of(channel);
			if (connection != null && connection.isConnected()) {
				clients.add(connection.client());
			}
		}
		return clients;
	}

	/**
	 * Disconnects the connected clients that match a condition.
	 * @param condition which clients to disconnect
	 * @return how many were disconnected
	 */
	public int disconnectIf(Predicate<ClientInfo> condition) {
		return disconnectIf(this.channels, condition);
	}

	private static int disconnectIf(ChannelGroup channels, Predicate<ClientInfo> condition) {
		int count = 0;
		for (Channel channel : channels) {
			MqttConnection connection = MqttConnection.of(channel);
			if (connection != null && connection.isConnected() && condition.test(connection.client())) {
				connection.close(DisconnectReason.ADMINISTRATIVE_ACTION);
				count++;
			}
		}
		return count;
	}

	public boolean discardSession(String clientId) {
		return this.services.sessions().discard(clientId);
	}

	public boolean hasSession(String clientId) {
		return this.services.sessions().get(clientId) != null;
	}

	/**
	 * A snapshot of a session, read on its own event loop.
	 * @param clientId the client identifier
	 * @return the snapshot, or empty when there is no such session
	 */
	public Optional<SessionInfo> session(String clientId) {
		Session session = this.services.sessions().get(clientId);
		if (session == null) {
			return Optional.empty();
		}
		return Optional.ofNullable(SessionSnapshots.of(session).orTimeout(5, TimeUnit.SECONDS).join());
	}

	/**
	 * Snapshots of the sessions whose client identifiers match, each read on its own
	 * event loop.
	 * @param clientIds which client identifiers to read
	 * @return completes with the snapshots, sorted by client identifier
	 */
	public CompletableFuture<List<SessionInfo>> sessions(Predicate<String> clientIds) {
		List<Session> selected = this.services.sessions()
			.sessions()
			.stream()
			.filter((session) -> clientIds.test(session.clientId()))
			.toList();
		return SessionSnapshots.of(selected);
	}

	/**
	 * Publishes a message from the embedding application.
	 * @param message the message
	 * @return how many sessions it was delivered to
	 */
	public int publish(Message message) {
		return this.services.router().publish(message);
	}

	/**
	 * How many sessions, subscriptions and retained messages the broker holds.
	 * @return the counts now
	 */
	public BrokerCounts counts() {
		return new BrokerCounts(this.services.sessions().size(), this.index.size(), this.services.retained().size());
	}

}
