/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.config;

import java.util.List;

import dev.mqttstack.spring.support.MqttPayloadConverter;

import org.springframework.core.convert.ConversionService;
import org.springframework.format.support.DefaultFormattingConversionService;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.messaging.handler.annotation.support.DestinationVariableMethodArgumentResolver;
import org.springframework.validation.Validator;

/**
 * Method factory that resolves {@code @MqttListener} parameters: {@code @Payload} through
 * the {@link MqttPayloadConverter} (validated when annotated {@code @Valid}),
 * {@code @Header}, {@code @DestinationVariable} and {@code Message<T>}.
 */
public class MqttMessageHandlerMethodFactory extends DefaultMessageHandlerMethodFactory {

	public MqttMessageHandlerMethodFactory(MqttPayloadConverter converter, Validator validator) {
		ConversionService conversionService = new DefaultFormattingConversionService();
		setConversionService(conversionService);
		setMessageConverter(converter);
		if (validator != null) {
			setValidator(validator);
		}
		setCustomArgumentResolvers(List.of(new DestinationVariableMethodArgumentResolver(conversionService)));
		afterPropertiesSet();
	}

}
