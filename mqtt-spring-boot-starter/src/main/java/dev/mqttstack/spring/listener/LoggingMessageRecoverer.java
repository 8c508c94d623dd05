/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.listener;

import dev.mqttstack.spring.support.MqttHeaders;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.Message;

/**
 * Recoverer that logs the failed message with its topic; the default when no dead-letter
 * topic is set.
 */
public class LoggingMessageRecoverer implements MqttMessageRecoverer {

	private static final Log logger = LogFactory.getLog(LoggingMessageRecoverer.class);

	@Override
	public void recover(Message<byte[]> message, Exception exception) {
		logger
			.error("MQTT listener failed on message from topic '" + message.getHeaders().get(MqttHeaders.RECEIVED_TOPIC)
					+ "' (" + message.getPayload().length + " bytes) after retries; message dropped", exception);
	}

}
