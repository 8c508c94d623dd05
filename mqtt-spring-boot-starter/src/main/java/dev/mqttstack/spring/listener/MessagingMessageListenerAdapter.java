/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.listener;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import dev.mqttstack.spring.core.MqttMessage;
import dev.mqttstack.spring.core.MqttOperations;
import dev.mqttstack.spring.support.MqttHeaders;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.support.DestinationVariableMethodArgumentResolver;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Adapter from a container to an {@code @MqttListener} method: binds topic variables,
 * invokes the method with resolved arguments and publishes a non-null return value as the
 * reply, to the request's MQTT 5 response topic or else the {@code @SendTo} topic,
 * echoing the correlation data.
 */
public class MessagingMessageListenerAdapter implements MqttMessageListener {

	private static final Log logger = LogFactory.getLog(MessagingMessageListenerAdapter.class);

	private final InvocableHandlerMethod handlerMethod;

	private final List<TopicTemplate> templates;

	private final MqttOperations replyOperations;

	private final String sendTo;

	private final MqttListenerErrorHandler errorHandler;

	public MessagingMessageListenerAdapter(InvocableHandlerMethod handlerMethod, List<TopicTemplate> templates,
			MqttOperations replyOperations, String sendTo, MqttListenerErrorHandler errorHandler) {
		this.handlerMethod = handlerMethod;
		this.templates = List.copyOf(templates);
		this.replyOperations = replyOperations;
		this.sendTo = sendTo;
		this.errorHandler = errorHandler;
	}

	@Override
	public void onMessage(Message<byte[]> message) throws Exception {
		Message<byte[]> bound = bindTopicVariables(message);
		Object result;
		try {
			result = this.handlerMethod.invoke(bound);
		}
		catch (Exception ex) {
			if (this.errorHandler == null) {
				throw ex;
			}
			result = this.errorHandler.handleError(bound, ex);
		}
		if (result != null) {
			reply(bound, result);
		}
	}

	private Message<byte[]> bindTopicVariables(Message<byte[]> message) {
		String topic = message.getHeaders().get(MqttHeaders.RECEIVED_TOPIC, String.class);
		if (topic == null) {
			return message;
		}
		for (TopicTemplate template : this.templates) {
			if (template.hasVariables()) {
				Map<String, String> variables = template.match(topic);
				if (variables != null) {
					return MessageBuilder.fromMessage(message)
						.setHeader(DestinationVariableMethodArgumentResolver.DESTINATION_TEMPLATE_VARIABLES_HEADER,
								variables)
						.setHeader(MqttHeaders.TOPIC_VARIABLES, variables)
						.build();
				}
			}
		}
		return message;
	}

	private void reply(Message<byte[]> request, Object result) {
		String responseTopic = request.getHeaders().get(MqttHeaders.RESPONSE_TOPIC, String.class);
		String topic = (responseTopic != null) ? responseTopic : this.sendTo;
		if (topic == null || this.replyOperations == null) {
			logger.debug("Listener result dropped: no response topic on the request and no @SendTo");
			return;
		}
		MqttMessage<?> reply = (result instanceof MqttMessage<?> message) ? message
				: replyTo(topic, result, request.getHeaders().get(MqttHeaders.CORRELATION_DATA, byte[].class));
		try {
			this.replyOperations.send(reply).join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : ex;
		}
	}

	private static MqttMessage<?> replyTo(String topic, Object result, byte[] correlationData) {
		MqttMessage.Builder<Object> builder = MqttMessage.builder(topic, result);
		if (correlationData != null) {
			builder.correlationData(correlationData);
		}
		return builder.build();
	}

}
