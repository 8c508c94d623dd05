/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.config;

import java.util.ArrayList;
import java.util.List;

import dev.mqttstack.spring.listener.TopicTemplate;

/**
 * Base of the endpoints: the subscription settings as mutable properties.
 */
public abstract class AbstractMqttListenerEndpoint implements MqttListenerEndpoint {

	private String id;

	private final List<TopicTemplate> topics = new ArrayList<>();

	private String shareGroup;

	private Integer qos;

	private Integer concurrency;

	private Boolean autoStartup;

	@Override
	public String getId() {
		return this.id;
	}

	public void setId(String id) {
		this.id = id;
	}

	@Override
	public List<TopicTemplate> getTopics() {
		return List.copyOf(this.topics);
	}

	public void setTopics(String... topics) {
		this.topics.clear();
		for (String topic : topics) {
			this.topics.add(TopicTemplate.parse(topic));
		}
	}

	@Override
	public String getShareGroup() {
		return this.shareGroup;
	}

	public void setShareGroup(String shareGroup) {
		this.shareGroup = shareGroup;
	}

	@Override
	public Integer getQos() {
		return this.qos;
	}

	public void setQos(Integer qos) {
		this.qos = qos;
	}

	@Override
	public Integer getConcurrency() {
		return this.concurrency;
	}

	public void setConcurrency(Integer concurrency) {
		this.concurrency = concurrency;
	}

	@Override
	public Boolean getAutoStartup() {
		return this.autoStartup;
	}

	public void setAutoStartup(Boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

}
