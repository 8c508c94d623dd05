/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.listener;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import dev.mqttstack.spring.connection.MqttClientConnection;
import dev.mqttstack.spring.connection.MqttSubscription;
import dev.mqttstack.spring.observation.MqttListenerObservationConvention;
import dev.mqttstack.spring.observation.MqttReceiverContext;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.util.Assert;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Container of one listener: subscribes on the shared connection, runs the listener on
 * its task executor (never on the client's callback thread), retries failures with
 * back-off on the listener's task, recovers what still fails and acknowledges every QoS
 * 1/2 message after that; a message whose recovery fails stays unacknowledged, so the
 * broker delivers it again.
 * <p>
 * At most {@code concurrency} messages run at once (a limit on the tasks given to the
 * executor, not a pool size) and up to {@code queueCapacity} more wait. The client's
 * callback thread never waits for room: see {@link ListenerDispatcher}.
 * <p>
 * {@link #stop()} (the application shutting down) keeps the broker subscription: a
 * persistent session receives what is published while the application is down.
 * {@link #stop(boolean) stop(true)} unsubscribes.
 */
public class MqttMessageListenerContainer implements SmartLifecycle {

	/** Lifecycle phase: after the connection starts, before it stops. */
	public static final int PHASE = Integer.MAX_VALUE - 100;

	private static final Log logger = LogFactory.getLog(MqttMessageListenerContainer.class);

	private final String id;

	private final MqttClientConnection connection;

	private final String[] filters;

	private final int[] qos;

	private final MqttMessageListener listener;

	private int concurrency = 1;

	private int queueCapacity = 1000;

	private BackOff backOff = new FixedBackOff(0, 0);

	private MqttMessageRecoverer recoverer = new LoggingMessageRecoverer();

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private MqttListenerObservationConvention observationConvention;

	private AsyncTaskExecutor taskExecutor;

	private boolean autoStartup = true;

	private Duration shutdownTimeout = Duration.ofSeconds(10);

	private volatile ListenerDispatcher dispatcher;

	private volatile MqttSubscription subscription;

	public MqttMessageListenerContainer(String id, MqttClientConnection connection, String[] filters, int[] qos,
			MqttMessageListener listener) {
		Assert.isTrue(filters.length > 0 && filters.length == qos.length, "one QoS per topic filter is required");
		this.id = id;
		this.connection = connection;
		this.filters = filters.clone();
		this.qos = qos.clone();
		this.listener = listener;
	}

	public String getId() {
		return this.id;
	}

	public String[] getTopicFilters() {
		return this.filters.clone();
	}

	public MqttMessageListener getListener() {
		return this.listener;
	}

	public int getConcurrency() {
		return this.concurrency;
	}

	/**
	 * Set how many messages the listener handles at once.
	 * @param concurrency the limit
	 */
	public void setConcurrency(int concurrency) {
		Assert.isTrue(concurrency > 0, "'concurrency' must be positive");
		this.concurrency = concurrency;
	}

	/**
	 * Set how many received messages may wait for a free task; QoS 0 messages beyond it
	 * are dropped, QoS 1/2 messages are bounded by the broker's in-flight window.
	 * @param queueCapacity the capacity
	 */
	public void setQueueCapacity(int queueCapacity) {
		Assert.isTrue(queueCapacity >= 0, "'queueCapacity' must not be negative");
		this.queueCapacity = queueCapacity;
	}

	public void setBackOff(BackOff backOff) {
		this.backOff = backOff;
	}

	public void setRecoverer(MqttMessageRecoverer recoverer) {
		this.recoverer = recoverer;
	}

	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		this.observationRegistry = observationRegistry;
	}

	/**
	 * Set the convention of the invocation observations, replacing the default one.
	 * @param observationConvention the convention, {@code null} for the default
	 */
	public void setObservationConvention(MqttListenerObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
	}

	/**
	 * Set the executor the listener's tasks run on, e.g. one with virtual threads; by
	 * default a {@link SimpleAsyncTaskExecutor} with threads named {@code mqtt-<id>-}.
	 * @param taskExecutor the executor
	 */
	public void setTaskExecutor(AsyncTaskExecutor taskExecutor) {
		this.taskExecutor = taskExecutor;
	}

	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Return how many received messages wait for a free task.
	 * @return the queue depth, 0 when stopped
	 */
	public int getQueueDepth() {
		ListenerDispatcher current = this.dispatcher;
		return (current != null) ? current.getQueueDepth() : 0;
	}

	/**
	 * Return how many messages the listener handles right now.
	 * @return the number of busy tasks
	 */
	public int getActiveCount() {
		ListenerDispatcher current = this.dispatcher;
		return (current != null) ? current.getActiveCount() : 0;
	}

	/**
	 * Return how many QoS 0 messages were dropped since the start because the queue was
	 * full.
	 * @return the count
	 */
	public long getDroppedCount() {
		ListenerDispatcher current = this.dispatcher;
		return (current != null) ? current.getDroppedCount() : 0;
	}

	/**
	 * Start the listener: subscribe on the shared connection.
	 */
	@Override
	public synchronized void start() {
		if (isRunning()) {
			return;
		}
		List<String> filterList = List.of(this.filters);
		RetryingInvoker invoker = new RetryingInvoker(this.id, this.listener, this.backOff, this.recoverer,
				this.observationRegistry, this.observationConvention,
				(message) -> new MqttReceiverContext(message, this.id, filterList, this.connection.getClientId()));
		AsyncTaskExecutor executor = (this.taskExecutor != null) ? this.taskExecutor
				: new SimpleAsyncTaskExecutor("mqtt-" + this.id + "-");
		ListenerDispatcher started = new ListenerDispatcher(this.id, executor, this.concurrency, this.queueCapacity,
				(delivery) -> {
					if (invoker.process(delivery.message(), this::isRunning)) {
						delivery.acknowledgment().run();
					}
				});
		this.dispatcher = started;
		this.subscription = this.connection.subscribe(this.filters, this.qos,
				(message, acknowledgment) -> started.offer(ListenerDispatcher.Delivery.of(message, acknowledgment)));
		this.subscription.start();
		logger.debug("Started MQTT listener '" + this.id + "' on " + Arrays.toString(this.filters));
	}

	/**
	 * Stop the listener as the application shuts down: stop receiving but keep the broker
	 * subscription, so that a persistent session ({@code clean-start=false}) queues what
	 * is published until the application is back; then let the messages already received
	 * finish (up to the shutdown timeout). Messages still arriving stay unacknowledged,
	 * for the broker to deliver again.
	 */
	@Override
	public void stop() {
		stop(false);
	}

	/**
	 * Stop the listener.
	 * @param unsubscribe whether to unsubscribe, waiting for the broker's confirmation:
	 * then what is published while the listener is stopped is not delivered when it
	 * starts again, with a clean or a persistent session alike; messages the broker had
	 * already sent that arrive after the unsubscribe are acknowledged and dropped
	 */
	public synchronized void stop(boolean unsubscribe) {
		MqttSubscription current = this.subscription;
		if (current == null) {
			return;
		}
		this.subscription = null;
		if (unsubscribe) {
			current.close();
		}
		else {
			current.detach();
		}
		if (!this.dispatcher.shutdown(this.shutdownTimeout.toMillis())) {
			logger.warn("MQTT listener '" + this.id + "' did not finish within " + this.shutdownTimeout
					+ "; unfinished QoS 1/2 messages stay unacknowledged");
		}
	}

	@Override
	public boolean isRunning() {
		return this.subscription != null;
	}

}
