/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.support;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.SmartMessageConverter;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Converter between MQTT payload bytes and objects: {@code byte[]} raw, {@code String} as
 * UTF-8, anything else as JSON through the application's Jackson {@link JsonMapper}.
 */
public class MqttPayloadConverter implements SmartMessageConverter {

	private final JsonMapper jsonMapper;

	public MqttPayloadConverter(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Encode a payload to the bytes sent on the wire.
	 * @param payload the payload, not {@code null}
	 * @return the bytes
	 */
	public byte[] toBytes(Object payload) {
		if (payload instanceof byte[] bytes) {
			return bytes;
		}
		if (payload instanceof CharSequence text) {
			return text.toString().getBytes(StandardCharsets.UTF_8);
		}
		try {
			return this.jsonMapper.writeValueAsBytes(payload);
		}
		catch (JacksonException ex) {
			throw new MessageConversionException("Cannot write " + payload.getClass().getName() + " as JSON", ex);
		}
	}

	/**
	 * Decode payload bytes into the given type.
	 * @param bytes the received bytes
	 * @param type the target type, possibly generic
	 * @return the converted value
	 */
	public Object fromBytes(byte[] bytes, Type type) {
		if (type == byte[].class || type == Object.class) {
			return bytes;
		}
		if (type == String.class) {
			return new String(bytes, StandardCharsets.UTF_8);
		}
		try {
			return this.jsonMapper.readValue(bytes, this.jsonMapper.constructType(type));
		}
		catch (JacksonException ex) {
			throw new MessageConversionException(
					"Cannot read payload as " + type.getTypeName() + ": " + ex.getOriginalMessage(), ex);
		}
	}

	@Override
	public Object fromMessage(Message<?> message, Class<?> targetClass) {
		return fromMessage(message, targetClass, null);
	}

	@Override
	public Object fromMessage(Message<?> message, Class<?> targetClass, Object conversionHint) {
		Object payload = message.getPayload();
		if (targetClass.isInstance(payload) && !(payload instanceof byte[] && targetClass == Object.class)) {
			return payload;
		}
		Type type = targetClass;
		if (conversionHint instanceof MethodParameter parameter) {
			MethodParameter nested = (Message.class.isAssignableFrom(parameter.getParameterType())) ? parameter.nested()
					: parameter;
			type = nested.getNestedGenericParameterType();
		}
		byte[] bytes = (payload instanceof byte[] raw) ? raw : toBytes(payload);
		return fromBytes(bytes, type);
	}

	@Override
	public Message<?> toMessage(Object payload, MessageHeaders headers) {
		return MessageBuilder.createMessage(toBytes(payload), (headers != null) ? headers : new MessageHeaders(null));
	}

	@Override
	public Message<?> toMessage(Object payload, MessageHeaders headers, Object conversionHint) {
		return toMessage(payload, headers);
	}

}
