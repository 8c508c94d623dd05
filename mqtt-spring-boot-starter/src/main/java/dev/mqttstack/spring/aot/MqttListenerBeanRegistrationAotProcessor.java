/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.aot;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.mqttstack.spring.annotation.MqttListener;
import dev.mqttstack.spring.core.MqttMessage;

import org.springframework.aot.generate.GenerationContext;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.aot.BeanRegistrationCode;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Headers;

/**
 * AOT processor of beans with {@link MqttListener} methods: their methods are invoked by
 * reflection, and their payloads and reply values are read and written as JSON, so it
 * registers invocation hints for the methods and binding hints for those types.
 */
class MqttListenerBeanRegistrationAotProcessor implements BeanRegistrationAotProcessor {

	private final BindingReflectionHintsRegistrar bindingRegistrar = new BindingReflectionHintsRegistrar();

	@Override
	public BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
		Class<?> beanClass = registeredBean.getBeanClass();
		Map<Method, MqttListener> listeners = MethodIntrospector.selectMethods(beanClass,
				(MethodIntrospector.MetadataLookup<MqttListener>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, MqttListener.class));
		if (listeners.isEmpty()) {
			return null;
		}
		List<Method> methods = List.copyOf(listeners.keySet());
		return (generationContext, code) -> registerHints(generationContext.getRuntimeHints(), methods);
	}

	private void registerHints(RuntimeHints hints, List<Method> methods) {
		for (Method method : methods) {
			hints.reflection().registerMethod(method, ExecutableMode.INVOKE);
			List<Type> bound = new ArrayList<>();
			for (int i = 0; i < method.getParameterCount(); i++) {
				MethodParameter parameter = new MethodParameter(method, i);
				if (!parameter.hasParameterAnnotation(Header.class) && !parameter.hasParameterAnnotation(Headers.class)
						&& !parameter.hasParameterAnnotation(DestinationVariable.class)) {
					addPayloadType(bound, ResolvableType.forMethodParameter(parameter));
				}
			}
			addPayloadType(bound, ResolvableType.forMethodReturnType(method));
			this.bindingRegistrar.registerReflectionHints(hints.reflection(), bound.toArray(Type[]::new));
		}
	}

	private static void addPayloadType(List<Type> bound, ResolvableType type) {
		Class<?> raw = type.resolve();
		if (raw == null || raw == void.class || raw == Void.class) {
			return;
		}
		if (Message.class.isAssignableFrom(raw) || MqttMessage.class.isAssignableFrom(raw)) {
			addPayloadType(bound, type.getGeneric(0));
			return;
		}
		if (raw.isPrimitive() || raw == String.class || raw == byte[].class || raw == Object.class
				|| Map.class.isAssignableFrom(raw)) {
			return;
		}
		bound.add(type.getType());
	}

}
