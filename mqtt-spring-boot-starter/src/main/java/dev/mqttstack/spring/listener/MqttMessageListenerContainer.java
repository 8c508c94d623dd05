/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.listener;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.mqttstack.spring.connection.MqttClientConnection;
import dev.mqttstack.spring.connection.MqttSubscription;
import dev.mqttstack.spring.observation.DefaultMqttListenerObservationConvention;
import dev.mqttstack.spring.observation.MqttListenerObservationConvention;
import dev.mqttstack.spring.observation.MqttReceiverContext;
import dev.mqttstack.spring.support.MqttHeaders;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.invocation.MethodArgumentResolutionException;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.Assert;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Container of one listener: subscribes on the shared connection, runs the listener on
 * its own bounded executor (never on the client's callback thread), retries failures with
 * back-off, recovers what still fails and acknowledges every QoS 1/2 message after that.
 * <p>
 * At most {@code concurrency} messages run at once and {@code queueCapacity} more wait;
 * beyond that the client's callback thread waits for room, which pushes back on the
 * broker instead of growing memory.
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

	private int queueCapacity = 100;

	private BackOff backOff = new FixedBackOff(0, 0);

	private MqttMessageRecoverer recoverer = new LoggingMessageRecoverer();

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private MqttListenerObservationConvention observationConvention;

	private boolean autoStartup = true;

	private Duration shutdownTimeout = Duration.ofSeconds(10);

	private volatile ThreadPoolExecutor executor;

	private volatile Semaphore slots;

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

	public void setConcurrency(int concurrency) {
		Assert.isTrue(concurrency > 0, "'concurrency' must be positive");
		this.concurrency = concurrency;
	}

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
	 * Return the number of messages accepted and not yet finished: running or waiting for
	 * a thread.
	 * @return the number of pending messages, 0 when stopped
	 */
	public int getPendingCount() {
		Semaphore room = this.slots;
		return (room != null && isRunning()) ? this.concurrency + this.queueCapacity - room.availablePermits() : 0;
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
	 * Start the listener: subscribe on the shared connection.
	 */
	@Override
	public synchronized void start() {
		if (isRunning()) {
			return;
		}
		this.slots = new Semaphore(this.concurrency + this.queueCapacity);
		this.executor = new ThreadPoolExecutor(this.concurrency, this.concurrency, 0, TimeUnit.MILLISECONDS,
				new LinkedBlockingQueue<>(), new CustomizableThreadFactory("mqtt-" + this.id + "-"));
		this.subscription = this.connection.subscribe(this.filters, this.qos, this::onArrival);
		this.subscription.start();
		logger.debug("Started MQTT listener '" + this.id + "' on " + Arrays.toString(this.filters));
	}

	/**
	 * Stop the listener: unsubscribe, waiting for the broker's confirmation, then let the
	 * messages already received finish (up to the shutdown timeout). What is published
	 * while it is stopped is not delivered when it starts again, with a clean or a
	 * persistent session alike: a stopped listener is not subscribed. Messages the broker
	 * had already sent that arrive after the unsubscribe are acknowledged and dropped.
	 */
	@Override
	public synchronized void stop() {
		MqttSubscription current = this.subscription;
		if (current == null) {
			return;
		}
		this.subscription = null;
		current.close();
		ThreadPoolExecutor running = this.executor;
		running.shutdown();
		try {
			if (!running.awaitTermination(this.shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("MQTT listener '" + this.id + "' did not finish within " + this.shutdownTimeout);
				running.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.subscription != null;
	}

	private void onArrival(Message<byte[]> message, Runnable acknowledgment) {
		Semaphore room = this.slots;
		room.acquireUninterruptibly();
		try {
			this.executor.execute(() -> {
				try {
					process(message);
					acknowledgment.run();
				}
				finally {
					room.release();
				}
			});
		}
		catch (RejectedExecutionException ex) {
			room.release();
			acknowledgment.run();
			logger.warn("MQTT listener '" + this.id + "' is stopping; message from '"
					+ message.getHeaders().get(MqttHeaders.RECEIVED_TOPIC) + "' acknowledged without processing");
		}
	}

	private void process(Message<byte[]> message) {
		BackOffExecution retries = null;
		while (true) {
			try {
				invoke(message);
				return;
			}
			catch (Exception ex) {
				if (retries == null) {
					retries = this.backOff.start();
				}
				long wait = isRetryable(ex) ? retries.nextBackOff() : BackOffExecution.STOP;
				if (wait == BackOffExecution.STOP || !isRunning()) {
					recover(message, ex);
					return;
				}
				logger.debug("MQTT listener '" + this.id + "' failed, retrying in " + wait + "ms: " + ex);
				if (!pause(wait)) {
					recover(message, ex);
					return;
				}
			}
		}
	}

	private void invoke(Message<byte[]> message) throws Exception {
		MqttReceiverContext context = new MqttReceiverContext(message, this.id, Arrays.asList(this.filters),
				this.connection.getClientId());
		Observation
			.createNotStarted(this.observationConvention, DefaultMqttListenerObservationConvention.INSTANCE,
					() -> context, this.observationRegistry)
			.observeChecked(() -> this.listener.onMessage(message));
	}

	private void recover(Message<byte[]> message, Exception ex) {
		try {
			this.recoverer.recover(message, ex);
		}
		catch (RuntimeException failure) {
			logger.error("Recovery of a failed MQTT message on listener '" + this.id + "' failed", failure);
		}
	}

	private static boolean isRetryable(Exception ex) {
		return !(ex instanceof MessageConversionException || ex instanceof MethodArgumentResolutionException);
	}

	private static boolean pause(long millis) {
		try {
			TimeUnit.MILLISECONDS.sleep(millis);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
