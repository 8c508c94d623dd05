package dev.mqttstack.broker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mqttstack.broker.cluster.Cluster;
import dev.mqttstack.broker.event.BrokerEvents;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.runtime.BrokerCollaborators;
import dev.mqttstack.broker.runtime.BrokerRuntime;
import dev.mqttstack.broker.runtime.BrokerVersion;
import dev.mqttstack.broker.runtime.RetainedBrowser;
import dev.mqttstack.broker.security.Authenticator;
import dev.mqttstack.broker.security.Authorizer;
import dev.mqttstack.broker.security.EnhancedAuthenticator;
import dev.mqttstack.broker.store.InMemoryRetainedStore;
import dev.mqttstack.broker.store.InMemorySessionStore;
import dev.mqttstack.broker.store.RetainedStore;
import dev.mqttstack.broker.store.SessionStore;
import dev.mqttstack.broker.subscription.SharedSubscriptionStrategy;
import dev.mqttstack.broker.sys.BrokerCounts;
import dev.mqttstack.broker.sys.BrokerMetrics;
import dev.mqttstack.broker.time.BrokerClock;

/**
 * An embeddable MQTT broker: built with {@link #builder()}, then {@link #start()}ed and
 * {@link #stop()}ped. The public entry point: it holds the {@link BrokerConfig settings}
 * and the collaborators, and leaves the wiring of a run to {@link BrokerRuntime}.
 *
 * <pre class="code">
 * MqttBroker broker = MqttBroker.builder().port(1883).build();
 * broker.start();
 * </pre>
 */
public final class MqttBroker {

	/** The broker's version, as published on {@code $SYS/broker/version}. */
	public static final String VERSION = BrokerVersion.read();

	private static final Logger logger = LoggerFactory.getLogger(MqttBroker.class);

	private final BrokerConfig config;

	private final BrokerCollaborators collaborators;

	private final RetainedBrowser retained;

	private volatile BrokerRuntime running;

	private MqttBroker(BrokerConfig config, BrokerCollaborators collaborators) {
		this.config = config;
		this.collaborators = collaborators;
		this.retained = new RetainedBrowser(collaborators.retainedStore(), collaborators.clock());
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
		this.running = BrokerRuntime.start(this.config, this.collaborators, VERSION);
	}

	/**
	 * Stops gracefully: stops accepting, disconnects every client, stores persistent
	 * sessions and releases the threads. Does nothing when not running.
	 */
	public synchronized void stop() {
		BrokerRuntime current = this.running;
		if (current == null) {
			return;
		}
		this.running = null;
		current.stop();
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
		return running().port(0);
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
				return running().port(i);
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
		return running().metrics();
	}

	/**
	 * Bytes of incomplete packets the broker holds now over all connections, the figure
	 * {@link BrokerConfig#maxBufferedInboundBytes()} bounds.
	 * @return the bytes
	 */
	public long bufferedInboundBytes() {
		return running().bufferedInboundBytes();
	}

	/**
	 * The connected clients.
	 * @return a snapshot of every client that completed CONNECT
	 */
	public List<ClientInfo> clients() {
		return running().clients();
	}

	/**
	 * Disconnects the connected clients that match a condition; their sessions are kept
	 * as their clean-session flag says, and their wills are published.
	 * @param condition which clients to disconnect
	 * @return how many were disconnected
	 */
	public int disconnectIf(Predicate<ClientInfo> condition) {
		return running().disconnectIf(condition);
	}

	/**
	 * How many sessions, subscriptions and retained messages the broker holds.
	 * @return the counts now
	 * @throws IllegalStateException when not running
	 */
	public BrokerCounts counts() {
		return running().counts();
	}

	/**
	 * Discards a client's session and its queued messages, disconnecting the client when
	 * connected.
	 * @param clientId the client identifier
	 * @return {@code true} if a session existed
	 */
	public boolean discardSession(String clientId) {
		return running().discardSession(clientId);
	}

	/**
	 * Whether the broker holds a session for a client identifier, connected or not.
	 * @param clientId the client identifier
	 * @return {@code true} if a session exists
	 */
	public boolean hasSession(String clientId) {
		return running().hasSession(clientId);
	}

	/**
	 * A snapshot of a session, read on its own event loop.
	 * @param clientId the client identifier
	 * @return the snapshot, or empty when there is no such session
	 */
	public Optional<SessionInfo> session(String clientId) {
		return running().session(clientId);
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
		return running().sessions(clientIds);
	}

	/**
	 * The retained messages whose topics match a filter, leaving out those whose MQTT 5
	 * message expiry has passed (they are never delivered again).
	 * @param topicFilter a topic filter, wildcards allowed, not a shared one
	 * @return the messages, sorted by topic
	 * @throws IllegalArgumentException if the filter is not a valid topic filter
	 */
	public List<Message> retained(String topicFilter) {
		return this.retained.retained(topicFilter);
	}

	/**
	 * Clears the retained messages whose topics match a filter, expired ones included.
	 * @param topicFilter a topic filter, wildcards allowed, not a shared one
	 * @return the topics cleared, sorted
	 * @throws IllegalArgumentException if the filter is not a valid topic filter
	 */
	public List<String> clearRetained(String topicFilter) {
		return this.retained.clear(topicFilter);
	}

	/**
	 * Publishes a message from the embedding application like a client's PUBLISH, but
	 * unchecked and unauthorized; subscribers get it where they may receive it.
	 * @param message the message
	 * @return how many sessions it was delivered to
	 */
	public int publish(Message message) {
		return running().publish(message);
	}

	private BrokerRuntime running() {
		BrokerRuntime current = this.running;
		if (current == null) {
			throw new IllegalStateException("The broker is not running");
		}
		return current;
	}

	/**
	 * Builder of an {@link MqttBroker}: the settings of a {@link BrokerConfig} (each
	 * starting at its default) and the collaborators the broker is built with.
	 */
	public static final class Builder extends BrokerConfigBuilder<Builder> {

		private Authenticator authenticator = Authenticator.ALLOW_ALL;

		private Authorizer authorizer = Authorizer.ALLOW_ALL;

		private SessionStore sessionStore = new InMemorySessionStore();

		private RetainedStore retainedStore = new InMemoryRetainedStore();

		private final List<BrokerEvents> events = new ArrayList<>();

		private SharedSubscriptionStrategy sharedStrategy = SharedSubscriptionStrategy.ROUND_ROBIN;

		private final Map<String, EnhancedAuthenticator> enhancedAuthenticators = new LinkedHashMap<>();

		private BrokerClock clock = BrokerClock.system();

		private Cluster cluster = Cluster.singleNode();

		private Builder() {
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
		 * @param clock time and timers of every expiry and will delay; the system's
		 * default
		 * @return this builder
		 */
		public Builder clock(BrokerClock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/**
		 * @param cluster the cluster this broker is a node of; a single node by default
		 */
		public Builder cluster(Cluster cluster) {
			this.cluster = Objects.requireNonNull(cluster, "cluster");
			return this;
		}

		/**
		 * Builds the broker; its settings are checked here.
		 * @return the broker, not yet started
		 * @throws IllegalArgumentException if a setting is out of range
		 */
		public MqttBroker build() {
			return new MqttBroker(toConfig(),
					new BrokerCollaborators(this.authenticator, this.enhancedAuthenticators, this.authorizer,
							this.sessionStore, this.retainedStore, BrokerEvents.composite(this.events),
							this.sharedStrategy, this.clock, this.cluster));
		}

	}

}
