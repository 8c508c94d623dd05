/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.annotation;

import dev.mqttstack.spring.config.MqttListenerEndpointRegistry;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers the {@link MqttListenerAnnotationBeanPostProcessor} and the
 * {@link MqttListenerEndpointRegistry} unless the application already has them.
 */
public class MqttBootstrapConfiguration implements ImportBeanDefinitionRegistrar {

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		if (!registry.containsBeanDefinition(MqttListenerAnnotationBeanPostProcessor.BEAN_NAME)) {
			RootBeanDefinition processor = new RootBeanDefinition(MqttListenerAnnotationBeanPostProcessor.class);
			processor.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
			registry.registerBeanDefinition(MqttListenerAnnotationBeanPostProcessor.BEAN_NAME, processor);
		}
		if (!registry.containsBeanDefinition(MqttListenerEndpointRegistry.BEAN_NAME)) {
			RootBeanDefinition endpointRegistry = new RootBeanDefinition(MqttListenerEndpointRegistry.class);
			endpointRegistry.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
			registry.registerBeanDefinition(MqttListenerEndpointRegistry.BEAN_NAME, endpointRegistry);
		}
	}

}
