/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the MQTT connection, listeners and template, under {@code mqtt.*}.
 */
@ConfigurationProperties("mqtt")
public class MqttProperties {

	/**
	 * Broker URL: mqtt:// (or tcp://), mqtts:// (or ssl://), ws:// or wss://, e.g.
	 * 'mqtt://broker:1883'. Overrides host, port and transport.
	 */
	private String url;

	/** Broker host, used when no URL is set. */
	private String host = "localhost";

	/**
	 * Broker port, used when no URL is set; by default 1883, 8883 with TLS, 80 for
	 * WebSocket and 443 for WebSocket with TLS.
	 */
	private int port;

	/** How to reach the broker when no URL is set: plain MQTT over TCP or WebSocket. */
	private Transport transport = Transport.TCP;

	/**
	 * Whether the application fails to start when the broker cannot be reached at
	 * startup; by default it logs a warning, starts and keeps trying.
	 */
	private boolean failFast;

	/**
	 * MQTT 5 Receive Maximum announced to the broker: how many QoS 1/2 messages it sends
	 * before this client acknowledges them (acknowledgements follow processing). Bounds
	 * what waits in the listeners' queues; unset leaves the protocol's default, 65,535.
	 */
	private Integer receiveMaximum;

	/**
	 * Client identifier, unique per connected application instance. Defaults to
	 * '${spring.application.name}-' plus a random suffix, so replicas never take over
	 * each other's session.
	 */
	private String clientId;

	/** Login user name. */
	private String username;

	/** Login password. */
	private String password;

	/** MQTT protocol version: 5, or 3 for MQTT 3.1.1. */
	private int protocolVersion = 5;

	/**
	 * Whether to start a new session on connect (MQTT 3.1.1 clean session); false resumes
	 * the stored one.
	 */
	private boolean cleanStart = true;

	/**
	 * How long the broker keeps the session after a disconnect (MQTT 5); unset means it
	 * ends with the connection.
	 */
	private Duration sessionExpiry;

	/**
	 * Keep-alive interval; the broker drops the connection after 1.5 times this without
	 * traffic.
	 */
	private Duration keepAlive = Duration.ofSeconds(60);

	/** How long to wait for the broker to accept a connection. */
	private Duration connectionTimeout = Duration.ofSeconds(10);

	/**
	 * Whether to reconnect automatically after the connection is lost; subscriptions are
	 * restored.
	 */
	private boolean automaticReconnect = true;

	/**
	 * Longest wait between two reconnect attempts; the wait doubles from one second up to
	 * this.
	 */
	private Duration maxReconnectDelay = Duration.ofSeconds(30);

	private final Ssl ssl = new Ssl();

	private final Will will = new Will();

	private final Listener listener = new Listener();

	private final Template template = new Template();

	public String getUrl() {
		return this.url;
	}

	public void setUrl(String url) {
		this.url = url;
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

	public Transport getTransport() {
		return this.transport;
	}

	public void setTransport(Transport transport) {
		this.transport = transport;
	}

	public boolean isFailFast() {
		return this.failFast;
	}

	public void setFailFast(boolean failFast) {
		this.failFast = failFast;
	}

	public Integer getReceiveMaximum() {
		return this.receiveMaximum;
	}

	public void setReceiveMaximum(Integer receiveMaximum) {
		this.receiveMaximum = receiveMaximum;
	}

	public String getClientId() {
		return this.clientId;
	}

	public void setClientId(String clientId) {
		this.clientId = clientId;
	}

	public String getUsername() {
		return this.username;
	}

	public void setUsername(String username) {
		this.username = username;
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public int getProtocolVersion() {
		return this.protocolVersion;
	}

	public void setProtocolVersion(int protocolVersion) {
		this.protocolVersion = protocolVersion;
	}

	public boolean isCleanStart() {
		return this.cleanStart;
	}

	public void setCleanStart(boolean cleanStart) {
		this.cleanStart = cleanStart;
	}

	public Duration getSessionExpiry() {
		return this.sessionExpiry;
	}

	public void setSessionExpiry(Duration sessionExpiry) {
		this.sessionExpiry = sessionExpiry;
	}

	public Duration getKeepAlive() {
		return this.keepAlive;
	}

	public void setKeepAlive(Duration keepAlive) {
		this.keepAlive = keepAlive;
	}

	public Duration getConnectionTimeout() {
		return this.connectionTimeout;
	}

	public void setConnectionTimeout(Duration connectionTimeout) {
		this.connectionTimeout = connectionTimeout;
	}

	public boolean isAutomaticReconnect() {
		return this.automaticReconnect;
	}

	public void setAutomaticReconnect(boolean automaticReconnect) {
		this.automaticReconnect = automaticReconnect;
	}

	public Duration getMaxReconnectDelay() {
		return this.maxReconnectDelay;
	}

	public void setMaxReconnectDelay(Duration maxReconnectDelay) {
		this.maxReconnectDelay = maxReconnectDelay;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public Will getWill() {
		return this.will;
	}

	public Listener getListener() {
		return this.listener;
	}

	public Template getTemplate() {
		return this.template;
	}

	/**
	 * How to reach the broker when no URL is set.
	 */
	public enum Transport {

		/** MQTT over TCP (mqtt://, mqtts:// with TLS). */
		TCP,

		/** MQTT over WebSocket (ws://, wss:// with TLS). */
		WEBSOCKET

	}

	/**
	 * TLS settings.
	 */
	public static class Ssl {

		/**
		 * Whether to use TLS when no URL is set; implied by a bundle. With a URL, its
		 * scheme decides.
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		/**
		 * Name of the Spring Boot SSL bundle ('spring.ssl.bundle.*') whose trust and key
		 * material to use.
		 */
		private String bundle;

		public String getBundle() {
			return this.bundle;
		}

		public void setBundle(String bundle) {
			this.bundle = bundle;
		}

	}

	/**
	 * Last-will message the broker publishes when this client disappears without
	 * disconnecting.
	 */
	public static class Will {

		/** Topic of the last-will message; no will is set when empty. */
		private String topic;

		/** Payload of the last-will message, sent as UTF-8. */
		private String payload = "";

		/** QoS of the last-will message. */
		private int qos = 0;

		/** Whether the broker retains the last-will message. */
		private boolean retained = false;

		public String getTopic() {
			return this.topic;
		}

		public void setTopic(String topic) {
			this.topic = topic;
		}

		public String getPayload() {
			return this.payload;
		}

		public void setPayload(String payload) {
			this.payload = payload;
		}

		public int getQos() {
			return this.qos;
		}

		public void setQos(int qos) {
			this.qos = qos;
		}

		public boolean isRetained() {
			return this.retained;
		}

		public void setRetained(boolean retained) {
			this.retained = retained;
		}

	}

	/**
	 * Settings of the {@code @MqttListener} containers.
	 */
	public static class Listener {

		/**
		 * Messages one listener handles at once: a limit on its tasks, not a thread pool
		 * (with 'spring.threads.virtual.enabled' each task is a virtual thread).
		 */
		private int concurrency = 1;

		/**
		 * Messages a listener queues beyond its concurrency. The client's thread never
		 * waits for room: QoS 0 messages beyond it are dropped (and counted); QoS 1/2
		 * messages are acknowledged only after processing, so the broker's in-flight
		 * window ('mqtt.receive-maximum') bounds them.
		 */
		private int queueCapacity = 1000;

		/** Maximum QoS listeners subscribe with when the annotation sets none. */
		private int qos = 1;

		/** Whether listeners start with the application. */
		private boolean autoStartup = true;

		/**
		 * Topic that receives messages still failing after the last retry; when unset
		 * they are logged with their topic. Either way they are acknowledged then; a
		 * message that could not be published to it stays unacknowledged for the broker
		 * to deliver again.
		 */
		private String deadLetterTopic;

		/**
		 * Whether listener invocations are observed through Micrometer ('mqtt.listener'),
		 * continuing a trace propagated in MQTT 5 user properties.
		 */
		private boolean observationEnabled;

		private final Retry retry = new Retry();

		public boolean isObservationEnabled() {
			return this.observationEnabled;
		}

		public void setObservationEnabled(boolean observationEnabled) {
			this.observationEnabled = observationEnabled;
		}

		public int getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(int concurrency) {
			this.concurrency = concurrency;
		}

		public int getQueueCapacity() {
			return this.queueCapacity;
		}

		public void setQueueCapacity(int queueCapacity) {
			this.queueCapacity = queueCapacity;
		}

		public int getQos() {
			return this.qos;
		}

		public void setQos(int qos) {
			this.qos = qos;
		}

		public boolean isAutoStartup() {
			return this.autoStartup;
		}

		public void setAutoStartup(boolean autoStartup) {
			this.autoStartup = autoStartup;
		}

		public String getDeadLetterTopic() {
			return this.deadLetterTopic;
		}

		public void setDeadLetterTopic(String deadLetterTopic) {
			this.deadLetterTopic = deadLetterTopic;
		}

		public Retry getRetry() {
			return this.retry;
		}

	}

	/**
	 * Retry of a listener that throws, with exponential back-off.
	 */
	public static class Retry {

		/**
		 * Deliveries to the listener in total, the first one included; 1 disables
		 * retries.
		 */
		private int maxAttempts = 3;

		/** Wait before the first retry. */
		private Duration initialInterval = Duration.ofSeconds(1);

		/** Factor applied to the wait after each retry. */
		private double multiplier = 2.0;

		/** Longest wait between two retries. */
		private Duration maxInterval = Duration.ofSeconds(10);

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialInterval() {
			return this.initialInterval;
		}

		public void setInitialInterval(Duration initialInterval) {
			this.initialInterval = initialInterval;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

	}

	/**
	 * Settings of the {@code MqttTemplate}.
	 */
	public static class Template {

		/**
		 * How long a send may take until the broker's acknowledgement before its future
		 * fails.
		 */
		private Duration completionTimeout = Duration.ofSeconds(30);

		/** QoS of messages sent without one. */
		private int defaultQos = 1;

		/** Topic sendAndReceive asks replies on; defaults to 'replies/<client-id>'. */
		private String replyTopic;

		/**
		 * Whether sends are observed through Micrometer ('mqtt.template'), propagating
		 * the trace in MQTT 5 user properties.
		 */
		private boolean observationEnabled;

		public boolean isObservationEnabled() {
			return this.observationEnabled;
		}

		public void setObservationEnabled(boolean observationEnabled) {
			this.observationEnabled = observationEnabled;
		}

		public Duration getCompletionTimeout() {
			return this.completionTimeout;
		}

		public void setCompletionTimeout(Duration completionTimeout) {
			this.completionTimeout = completionTimeout;
		}

		public int getDefaultQos() {
			return this.defaultQos;
		}

		public void setDefaultQos(int defaultQos) {
			this.defaultQos = defaultQos;
		}

		public String getReplyTopic() {
			return this.replyTopic;
		}

		public void setReplyTopic(String replyTopic) {
			this.replyTopic = replyTopic;
		}

	}

}
