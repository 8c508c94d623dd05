/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.connection;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mqttstack.spring.event.MqttConnectionLostEvent;
import dev.mqttstack.spring.event.MqttConnectionRestoredEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.integration.IntegrationMessageHeaderAccessor;
import org.springframework.integration.acks.SimpleAcknowledgment;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Base of the Paho-backed connections: connection state, application events, and the
 * hand-off of inbound messages and publish completions away from the client's callback
 * thread.
 */
abstract class AbstractPahoClientConnection implements MqttClientConnection {

	/**
	 * MQTT 5 reason code a broker sends when another connection took over the client id.
	 */
	protected static final int SESSION_TAKEN_OVER = 0x8E;

	protected final Log logger = LogFactory.getLog(getClass());

	protected final MqttClientSettings settings;

	private final ApplicationEventPublisher events;

	private final Executor completions;

	private final ExecutorService ownCompletions;

	private final AtomicBoolean running = new AtomicBoolean();

	private final AtomicBoolean everConnected = new AtomicBoolean();

	private final AtomicBoolean limitsReported = new AtomicBoolean();

	private final AtomicInteger subscriptionCount = new AtomicInteger();

	private final BeanFactory adapterBeanFactory = new DefaultListableBeanFactory();

	private volatile CompletableFuture<Void> connected = new CompletableFuture<>();

	private final CompletableFuture<Void> firstConnectHandled = new CompletableFuture<>();

	protected AbstractPahoClientConnection(MqttClientSettings settings, ApplicationEventPublisher events,
			AsyncTaskExecutor taskExecutor) {
		this.settings = settings;
		this.events = (events != null) ? events : (event) -> {
		};
		this.ownCompletions = (taskExecutor != null) ? null : Executors
			.newCachedThreadPool(new CustomizableThreadFactory("mqtt-" + settings.getClientId() + "-completion-"));
		this.completions = (taskExecutor != null) ? taskExecutor : this.ownCompletions;
	}

	@Override
	public String getClientId() {
		return this.settings.getClientId();
	}

	@Override
	public String getUrl() {
		return this.settings.getUrl();
	}

	@Override
	public int getProtocolVersion() {
		return this.settings.getProtocolVersion();
	}

	@Override
	public CompletableFuture<Void> whenConnected() {
		return isConnected() ? CompletableFuture.completedFuture(null) : this.connected;
	}

	@Override
	public void start() {
		if (this.running.compareAndSet(false, true)) {
			doStart();
		}
	}

	@Override
	public void stop() {
		if (this.running.compareAndSet(true, false)) {
			doStop();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running.get();
	}

	/**
	 * Report a connection that could not be established at startup: a WARN with the URL
	 * and the cause, or a failure with {@code mqtt.fail-fast}.
	 * @param failure the cause of the last failed attempt, if known
	 */
	protected void reportStartup(Throwable failure) {
		if (isConnected()) {
			return;
		}
		String cause = (failure != null) ? describe(failure) : probe();
		if (this.settings.isFailFast()) {
			throw new IllegalStateException("MQTT client '" + getClientId() + "' could not connect to " + getUrl()
					+ ": " + cause + " (mqtt.fail-fast=true)", failure);
		}
		this.logger.warn("MQTT client '" + getClientId() + "' could not connect to " + getUrl() + ": " + cause
				+ "; the application starts anyway, sends wait for the connection and listeners subscribe once it is up"
				+ (this.settings.isAutomaticReconnect()
						? " (retrying up to every " + this.settings.getMaxReconnectDelay() + ")"
						: "; mqtt.automatic-reconnect=false: it does not retry"));
	}

	/**
	 * Find out why no connection came up: the client library keeps the cause of a failed
	 * first attempt to itself when it reconnects automatically, so try the TCP connection
	 * once more.
	 */
	private String probe() {
		String waited = "no MQTT connection within " + this.settings.getConnectionTimeout();
		MqttBrokerUrl url;
		try {
			url = MqttBrokerUrl.parse(getUrl());
		}
		catch (IllegalArgumentException ex) {
			return waited;
		}
		int timeout = (int) Math.min(Math.max(this.settings.getConnectionTimeout().toMillis(), 100), 5000);
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(url.host(), url.port()), timeout);
			return waited + " although " + url.host() + ":" + url.port()
					+ " accepts TCP connections (a TLS or WebSocket mismatch, or the broker refused the CONNECT?)";
		}
		catch (IOException ex) {
			return waited + "; TCP connection to " + url.host() + ":" + url.port() + " failed: " + ex;
		}
	}

	private static String describe(Throwable failure) {
		StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
		Throwable cause = failure.getCause();
		while (cause != null && cause != failure) {
			text.append(": ").append(cause);
			failure = cause;
			cause = cause.getCause();
		}
		return text.toString();
	}

	protected abstract void doStart();

	protected abstract void doStop();

	protected ApplicationEventPublisher getEvents() {
		return this.events;
	}

	/**
	 * Return the private bean factory the Spring Integration adapters are initialized
	 * with; it keeps them independent of whether the application enables Spring
	 * Integration.
	 * @return the bean factory
	 */
	protected BeanFactory getAdapterBeanFactory() {
		return this.adapterBeanFactory;
	}

	protected String nextSubscriptionName() {
		return "mqttSubscription#" + getClientId() + "#" + this.subscriptionCount.incrementAndGet();
	}

	/**
	 * Record that the client connected.
	 * @param reconnect whether this follows a lost connection
	 */
	protected void connectionEstablished(boolean reconnect) {
		this.connected.complete(null);
		boolean restored = this.everConnected.getAndSet(true);
		this.logger.info("MQTT client '" + getClientId() + "' connected to " + getUrl());
		if (restored || reconnect) {
			this.events.publishEvent(new MqttConnectionRestoredEvent(this, getClientId()));
		}
	}

	/**
	 * Warn once when the broker's CONNACK shows an in-flight limit that loses QoS 1/2
	 * bursts: a broker such as Mosquitto sends a client that announces no Receive Maximum
	 * at most its own {@code max_inflight_messages} (20 by default) unacknowledged
	 * messages, queues the rest and drops beyond {@code max_queued_messages} (1000).
	 * Acknowledging after processing makes this client the slow consumer then. The
	 * broker's Receive Maximum in its CONNACK is its limit for what it receives; brokers
	 * that set one usually apply the same limit to what they send, which is what this
	 * detects, not the drop policy itself.
	 * @param brokerReceiveMaximum the CONNACK's Receive Maximum, {@code null} if unknown
	 */
	protected void warnAboutBrokerLimits(Integer brokerReceiveMaximum) {
		if (brokerReceiveMaximum == null || brokerReceiveMaximum >= 65535 || this.settings.getReceiveMaximum() > 0
				|| !this.limitsReported.compareAndSet(false, true)) {
			return;
		}
		this.logger.warn("MQTT broker at " + getUrl() + " announces Receive Maximum " + brokerReceiveMaximum
				+ ", the sign of an in-flight limit such as Mosquitto's max_inflight_messages: without"
				+ " mqtt.receive-maximum such a broker sends at most that many unacknowledged QoS 1/2 messages to '"
				+ getClientId() + "' and queues the rest (Mosquitto drops beyond max_queued_messages, 1000 by"
				+ " default), so bursts faster than the listeners are lost; set mqtt.receive-maximum (e.g. 65535) to"
				+ " have them sent on and wait in the listeners' queues");
	}

	/**
	 * Record that the client's connect callback, which re-subscribes the started
	 * adapters, has run.
	 */
	protected void connectCallbackDone() {
		this.firstConnectHandled.complete(null);
	}

	/**
	 * Wait, up to the connection timeout, until the connect callback of a connection
	 * {@code start()} established has run. Paho calls it on its own thread after the
	 * connect completed; a subscription starting meanwhile raced with it, and Spring
	 * Integration's v3 adapter then threw into Paho, which dropped the connection.
	 */
	protected void awaitConnectCallback() {
		if (!isConnected()) {
			return;
		}
		try {
			this.firstConnectHandled.get(this.settings.getConnectionTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			this.logger.debug("MQTT client '" + getClientId() + "' started without its connect callback: " + ex);
		}
	}

	/**
	 * Record that the connection dropped.
	 * @param cause the cause, if any
	 * @param takenOver whether the broker reported that another client took over the
	 * client id
	 */
	protected void onConnectionLost(Throwable cause, boolean takenOver) {
		onConnectionLost(cause, takenOver, null);
	}

	/**
	 * Record that the connection dropped.
	 * @param cause the cause, if any
	 * @param takenOver whether the broker reported that another client took over the
	 * client id
	 * @param reason the MQTT 5 reason code and reason string of the broker's DISCONNECT,
	 * or {@code null} when the connection just ended
	 */
	protected void onConnectionLost(Throwable cause, boolean takenOver, String reason) {
		synchronized (this) {
			if (this.connected.isDone()) {
				this.connected = new CompletableFuture<>();
			}
		}
		if (takenOver) {
			this.logger.warn("MQTT client id '" + getClientId() + "' was taken over by another connection to "
					+ getUrl() + "; two applications use the same mqtt.client-id");
		}
		else {
			this.logger.warn("MQTT client '" + getClientId() + "' lost its connection to " + getUrl()
					+ ((reason != null) ? ": the broker disconnected it with " + reason : "")
					+ ((cause != null) ? ": " + cause : "") + ((isRunning() && this.settings.isAutomaticReconnect())
							? "; reconnecting (mqtt.automatic-reconnect)" : ""));
		}
		this.events.publishEvent(new MqttConnectionLostEvent(this, getClientId(), cause));
	}

	/**
	 * Complete a future off the client's callback thread, so dependent stages cannot
	 * block it.
	 * @param future the future
	 * @param failure the failure or {@code null} for success
	 */
	protected void complete(CompletableFuture<Void> future, Throwable failure) {
		this.completions.execute(() -> {
			if (failure != null) {
				future.completeExceptionally(failure);
			}
			else {
				future.complete(null);
			}
		});
	}

	protected void shutdownCompletions() {
		if (this.ownCompletions != null) {
			this.ownCompletions.shutdown();
		}
	}

	/**
	 * Build the channel an inbound adapter sends to: it strips the acknowledgment header
	 * into a callback and never throws back into the client.
	 * @param handler the handler
	 * @return the channel
	 */
	protected MessageChannel inboundChannel(MqttInboundHandler handler) {
		return (message, timeout) -> {
			try {
				Object ack = message.getHeaders().get(IntegrationMessageHeaderAccessor.ACKNOWLEDGMENT_CALLBACK);
				Runnable acknowledgment = (ack instanceof SimpleAcknowledgment simple && acknowledgesManually(message))
						? () -> acknowledge(simple) : () -> {
						};
				@SuppressWarnings("unchecked")
				Message<byte[]> received = (Message<byte[]>) MessageBuilder.fromMessage(message)
					.removeHeader(IntegrationMessageHeaderAccessor.ACKNOWLEDGMENT_CALLBACK)
					.build();
				handler.handle(received, acknowledgment);
			}
			catch (RuntimeException ex) {
				this.logger.error("MQTT inbound handler failed for " + message, ex);
			}
			return true;
		};
	}

	/**
	 * Return whether a received message is acknowledged to the broker when its handler is
	 * done (QoS 1 and 2 by default).
	 * @param message the received message, with the client library's headers
	 * @return {@code false} when the client library completes it on its own
	 */
	protected boolean acknowledgesManually(Message<?> message) {
		return true;
	}

	private void acknowledge(SimpleAcknowledgment acknowledgment) {
		try {
			acknowledgment.acknowledge();
		}
		catch (RuntimeException ex) {
			this.logger.warn("Could not acknowledge MQTT message: " + ex.getMessage());
		}
	}

	/**
	 * Unsubscribe and wait for the broker's confirmation. An attempt that fails with a
	 * {@link ConcurrentModificationException} is repeated: Paho's MQTT 5 client throws it
	 * before sending the UNSUBSCRIBE when other subscriptions with identifiers exist
	 * (eclipse-paho/paho.mqtt.java#986), after it has dropped one filter's listener, so
	 * at most one attempt per filter fails that way. Disconnected, the client still drops
	 * its listeners, so what a persistent session delivers for the filters later reaches
	 * the {@link UnmatchedMessageRouter}.
	 * @param filters the filters
	 * @param unsubscribe the client's unsubscribe call, waiting for the UNSUBACK
	 */
	protected void unsubscribe(String[] filters, Unsubscribe unsubscribe) {
		for (int attempt = 0; attempt <= filters.length; attempt++) {
			try {
				unsubscribe.unsubscribe(filters);
				return;
			}
			catch (ConcurrentModificationException ex) {
				this.logger.debug("Paho failed to unsubscribe " + Arrays.toString(filters) + "; trying again");
			}
			catch (Exception ex) {
				if (isConnected()) {
					this.logger.warn("MQTT client '" + getClientId() + "' could not unsubscribe "
							+ Arrays.toString(filters) + ": " + ex);
				}
				else if (!this.settings.isCleanStart()) {
					this.logger.info("MQTT client '" + getClientId()
							+ "' is disconnected: its persistent session keeps " + Arrays.toString(filters)
							+ " subscribed; what arrives for it is acknowledged and dropped");
				}
				return;
			}
		}
		this.logger.warn("MQTT client '" + getClientId() + "' could not unsubscribe " + Arrays.toString(filters));
	}

	static String describeReasonCode(int code) {
		String hex = String.format("0x%02X", code);
		String name = switch (code) {
			case 0x00 -> "normal disconnection";
			case 0x04 -> "disconnect with will message";
			case 0x80 -> "unspecified error";
			case 0x81 -> "malformed packet";
			case 0x82 -> "protocol error";
			case 0x83 -> "implementation specific error";
			case 0x87 -> "not authorized";
			case 0x89 -> "server busy";
			case 0x8B -> "server shutting down";
			case 0x8D -> "keep alive timeout";
			case 0x8E -> "session taken over";
			case 0x90 -> "topic name invalid";
			case 0x93 -> "receive maximum exceeded";
			case 0x95 -> "packet too large";
			case 0x96 -> "message rate too high";
			case 0x97 -> "quota exceeded";
			case 0x98 -> "administrative action";
			case 0x9C -> "use another server";
			case 0x9D -> "server moved";
			case 0x9F -> "connection rate exceeded";
			default -> null;
		};
		return (name != null) ? hex + " (" + name + ")" : hex;
	}

	/** A client's unsubscribe call that waits for the broker's confirmation. */
	@FunctionalInterface
	protected interface Unsubscribe {

		void unsubscribe(String[] filters) throws Exception;

	}

}
