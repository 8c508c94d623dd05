/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.config;

import java.util.Arrays;

import dev.mqttstack.spring.connection.MqttClientConnection;
import dev.mqttstack.spring.core.MqttOperations;
import dev.mqttstack.spring.listener.LoggingMessageRecoverer;
import dev.mqttstack.spring.listener.MqttMessageListenerContainer;
import dev.mqttstack.spring.listener.MqttMessageRecoverer;
import dev.mqttstack.spring.observation.MqttListenerObservationConvention;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.util.Assert;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Default {@link MqttListenerContainerFactory}: containers on the shared connection with
 * the configured concurrency, retry back-off, recoverer and observation registry.
 */
public class DefaultMqttListenerContainerFactory implements MqttListenerContainerFactory {

	private final MqttClientConnection connection;

	private final MessageHandlerMethodFactory methodFactory;

	private final MqttOperations replyOperations;

	private int defaultQos = 1;

	private int concurrency = 1;

	private int queueCapacity = 1000;

	private boolean autoStartup = true;

	private BackOff backOff = new FixedBackOff(0, 0);

	private MqttMessageRecoverer recoverer = new LoggingMessageRecoverer();

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private MqttListenerObservationConvention observationConvention;

	private AsyncTaskExecutor taskExecutor;

	public DefaultMqttListenerContainerFactory(MqttClientConnection connection,
			MessageHandlerMethodFactory methodFactory, MqttOperations replyOperations) {
		this.connection = connection;
		this.methodFactory = methodFactory;
		this.replyOperations = replyOperations;
	}

	public void setDefaultQos(int defaultQos) {
		this.defaultQos = defaultQos;
	}

	public void setConcurrency(int concurrency) {
		this.concurrency = concurrency;
	}

	public void setQueueCapacity(int queueCapacity) {
		this.queueCapacity = queueCapacity;
	}

	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	public void setBackOff(BackOff backOff) {
		this.backOff = backOff;
	}

	public BackOff getBackOff() {
		return this.backOff;
	}

	public void setRecoverer(MqttMessageRecoverer recoverer) {
		this.recoverer = recoverer;
	}

	public MqttMessageRecoverer getRecoverer() {
		return this.recoverer;
	}

	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		this.observationRegistry = observationRegistry;
	}

	public void setObservationConvention(MqttListenerObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
	}

	/**
	 * Set the executor every container runs its listener's tasks on, e.g. one with
	 * virtual threads; {@code null} (the default) gives each container its own
	 * {@code SimpleAsyncTaskExecutor} with threads named {@code mqtt-<id>-}.
	 * {@code concurrency} stays a limit on the tasks of each listener, whatever the
	 * executor.
	 * @param taskExecutor the executor
	 */
	public void setTaskExecutor(AsyncTaskExecutor taskExecutor) {
		this.taskExecutor = taskExecutor;
	}

	public AsyncTaskExecutor getTaskExecutor() {
		return this.taskExecutor;
	}

	@Override
	public MqttMessageListenerContainer createListenerContainer(MqttListenerEndpoint endpoint) {
		Assert.notEmpty(endpoint.getTopics(), () -> "Listener '" + endpoint.getId() + "' names no topic");
		String[] filters = endpoint.getTopicFilters();
		int[] qos = new int[filters.length];
		Arrays.fill(qos, (endpoint.getQos() != null) ? endpoint.getQos() : this.defaultQos);
		MqttMessageListenerContainer container = new MqttMessageListenerContainer(endpoint.getId(), this.connection,
				filters, qos, endpoint.createMessageListener(this.methodFactory, this.replyOperations));
		container.setConcurrency((endpoint.getConcurrency() != null) ? endpoint.getConcurrency() : this.concurrency);
		container.setQueueCapacity(this.queueCapacity);
		container.setAutoStartup((endpoint.getAutoStartup() != null) ? endpoint.getAutoStartup() : this.autoStartup);
		container.setBackOff(this.backOff);
		container.setRecoverer(this.recoverer);
		container.setObservationRegistry(this.observationRegistry);
		container.setObservationConvention(this.observationConvention);
		container.setTaskExecutor(this.taskExecutor);
		return container;
	}

}
