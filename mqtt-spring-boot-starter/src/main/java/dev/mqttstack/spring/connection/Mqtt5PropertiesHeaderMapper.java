/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.connection;

import java.util.Map;

import dev.mqttstack.spring.support.MqttHeaders;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import org.springframework.integration.mqtt.support.MqttHeaderMapper;

/**
 * Header mapper of received MQTT 5 properties that also maps the content type of binary
 * payloads and the message expiry interval, which Spring Integration's mapper leaves out.
 */
class Mqtt5PropertiesHeaderMapper extends MqttHeaderMapper {

	@Override
	public Map<String, Object> toHeaders(MqttProperties properties) {
		Map<String, Object> headers = super.toHeaders(properties);
		if (properties.getContentType() != null) {
			headers.putIfAbsent(MqttHeaders.CONTENT_TYPE, properties.getContentType());
		}
		if (properties.getMessageExpiryInterval() != null) {
			headers.putIfAbsent(MqttHeaders.MESSAGE_EXPIRY_INTERVAL, properties.getMessageExpiryInterval());
		}
		return headers;
	}

}
