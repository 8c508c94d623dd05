/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.annotation;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mqttstack.spring.config.MethodMqttListenerEndpoint;
import dev.mqttstack.spring.config.MqttListenerContainerFactory;
import dev.mqttstack.spring.config.MqttListenerEndpointRegistry;
import dev.mqttstack.spring.listener.MqttListenerErrorHandler;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanExpressionContext;
import org.springframework.beans.factory.config.BeanExpressionResolver;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Finds {@link MqttListener} methods on beans, resolves placeholders and expressions in
 * their attributes and, once all singletons exist, registers a container per method with
 * the {@link MqttListenerEndpointRegistry}.
 */
public class MqttListenerAnnotationBeanPostProcessor
		implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton, Ordered {

	/** The bean name the processor is registered under. */
	public static final String BEAN_NAME = "dev.mqttstack.spring.annotation.internalMqttListenerAnnotationProcessor";

	/** The bean name of the container factory used when an annotation names none. */
	public static final String DEFAULT_CONTAINER_FACTORY_BEAN_NAME = "mqttListenerContainerFactory";

	private static final String GENERATED_ID_PREFIX = "dev.mqttstack.spring.MqttListenerEndpointContainer#";

	private final AtomicInteger counter = new AtomicInteger();

	private final List<Registration> registrations = new ArrayList<>();

	private BeanFactory beanFactory;

	private BeanExpressionContext expressionContext;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
		if (beanFactory instanceof ConfigurableBeanFactory configurable) {
			this.expressionContext = new BeanExpressionContext(configurable, null);
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		Map<Method, MqttListener> methods = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<MqttListener>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, MqttListener.class));
		methods.forEach((method, listener) -> processListener(listener, method, bean, beanName));
		return bean;
	}

	private void processListener(MqttListener listener, Method method, Object bean, String beanName) {
		MethodMqttListenerEndpoint endpoint = new MethodMqttListenerEndpoint();
		endpoint.setBean(bean);
		endpoint.setMethod(AopUtils.selectInvocableMethod(method, bean.getClass()));
		String id = resolve(listener.id());
		endpoint.setId(StringUtils.hasText(id) ? id : GENERATED_ID_PREFIX + this.counter.getAndIncrement());
		String[] topics = new String[listener.topics().length];
		for (int i = 0; i < topics.length; i++) {
			topics[i] = resolve(listener.topics()[i]);
		}
		Assert.state(topics.length > 0, () -> "@MqttListener on " + method + " names no topic");
		endpoint.setTopics(topics);
		endpoint.setShareGroup(emptyToNull(resolve(listener.shareGroup())));
		endpoint.setQos((listener.qos() >= 0) ? listener.qos() : null);
		String concurrency = resolve(listener.concurrency());
		endpoint.setConcurrency(StringUtils.hasText(concurrency) ? Integer.valueOf(concurrency) : null);
		String autoStartup = resolve(listener.autoStartup());
		endpoint.setAutoStartup(StringUtils.hasText(autoStartup) ? Boolean.valueOf(autoStartup) : null);
		SendTo sendTo = AnnotatedElementUtils.findMergedAnnotation(method, SendTo.class);
		if (sendTo != null && sendTo.value().length > 0) {
			endpoint.setSendTo(resolve(sendTo.value()[0]));
		}
		String errorHandler = resolve(listener.errorHandler());
		if (StringUtils.hasText(errorHandler)) {
			endpoint.setErrorHandler(this.beanFactory.getBean(errorHandler, MqttListenerErrorHandler.class));
		}
		String factory = resolve(listener.containerFactory());
		this.registrations.add(new Registration(endpoint,
				StringUtils.hasText(factory) ? factory : DEFAULT_CONTAINER_FACTORY_BEAN_NAME));
	}

	@Override
	public void afterSingletonsInstantiated() {
		MqttListenerEndpointRegistry registry = this.beanFactory.getBean(MqttListenerEndpointRegistry.BEAN_NAME,
				MqttListenerEndpointRegistry.class);
		for (Registration registration : this.registrations) {
			MqttListenerContainerFactory factory = this.beanFactory.getBean(registration.factoryBeanName(),
					MqttListenerContainerFactory.class);
			registry.registerListenerContainer(registration.endpoint(), factory);
		}
		this.registrations.clear();
	}

	private String resolve(String value) {
		if (!(this.beanFactory instanceof ConfigurableBeanFactory configurable) || !StringUtils.hasText(value)) {
			return value;
		}
		String resolved = configurable.resolveEmbeddedValue(value);
		BeanExpressionResolver expressions = configurable.getBeanExpressionResolver();
		if (expressions != null && resolved != null && resolved.contains("#{")) {
			Object evaluated = expressions.evaluate(resolved, this.expressionContext);
			return (evaluated != null) ? evaluated.toString() : null;
		}
		return resolved;
	}

	private static String emptyToNull(String value) {
		return StringUtils.hasText(value) ? value : null;
	}

	private record Registration(MethodMqttListenerEndpoint endpoint, String factoryBeanName) {
	}

}
