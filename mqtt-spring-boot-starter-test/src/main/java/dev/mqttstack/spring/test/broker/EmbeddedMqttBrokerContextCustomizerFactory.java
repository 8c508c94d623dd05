/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.test.broker;

import java.util.List;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * Factory that turns an {@link EmbeddedMqttBroker} annotation on a test class into a
 * context customizer.
 */
class EmbeddedMqttBrokerContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		EmbeddedMqttBroker annotation = AnnotatedElementUtils.findMergedAnnotation(testClass, EmbeddedMqttBroker.class);
		return (annotation != null) ? new EmbeddedMqttBrokerContextCustomizer(annotation) : null;
	}

}
