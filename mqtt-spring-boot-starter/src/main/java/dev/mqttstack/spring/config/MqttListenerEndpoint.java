/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.config;

import java.util.List;

import dev.mqttstack.spring.core.MqttOperations;
import dev.mqttstack.spring.listener.MqttMessageListener;
import dev.mqttstack.spring.listener.TopicTemplate;

import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;

/**
 * Description of one listener: what to subscribe to, how, and which listener to run.
 */
public interface MqttListenerEndpoint {

	/**
	 * Return the listener id, unique in the registry.
	 * @return the id
	 */
	String getId();

	/**
	 * Return the topic templates; {@code {name}} segments are subscribed as {@code +}.
	 * @return the templates
	 */
	List<TopicTemplate> getTopics();

	/**
	 * Return the shared subscription group, or {@code null} for a normal subscription.
	 * @return the group
	 */
	String getShareGroup();

	/**
	 * Return the maximum QoS to subscribe with, or {@code null} for the factory's
	 * default.
	 * @return the QoS
	 */
	Integer getQos();

	/**
	 * Return how many messages run at once, or {@code null} for the factory's default.
	 * @return the concurrency
	 */
	Integer getConcurrency();

	/**
	 * Return whether the container starts with the application, or {@code null} for the
	 * factory's default.
	 * @return the auto-startup flag
	 */
	Boolean getAutoStartup();

	/**
	 * Create the listener.
	 * @param methodFactory resolves method arguments
	 * @param replyOperations publishes replies
	 * @return the listener
	 */
	MqttMessageListener createMessageListener(MessageHandlerMethodFactory methodFactory,
			MqttOperations replyOperations);

	/**
	 * Return the topic filters to subscribe, shared-group prefix applied.
	 * @return the filters
	 */
	default String[] getTopicFilters() {
		String group = getShareGroup();
		return getTopics().stream()
			.map(TopicTemplate::getFilter)
			.map((filter) -> (group != null && !group.isEmpty()) ? "$share/" + group + "/" + filter : filter)
			.toArray(String[]::new);
	}

}
