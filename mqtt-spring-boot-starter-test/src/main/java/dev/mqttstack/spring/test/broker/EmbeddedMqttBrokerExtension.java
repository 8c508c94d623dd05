/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.test.broker;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

import dev.mqttstack.broker.MqttBroker;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * JUnit 5 extension that runs an embedded broker for a test class without Spring: started
 * before the first test with the class's {@link EmbeddedMqttBroker} settings (or the
 * defaults), stopped after the last. Fields and parameters marked
 * {@link InjectMqttBroker} receive it; see there for the types.
 *
 * <pre class="code">
 * &#64;ExtendWith(EmbeddedMqttBrokerExtension.class)
 * &#64;EmbeddedMqttBroker(users = &#64;EmbeddedMqttBroker.User(name = "device", password = "secret"))
 * class DeviceTests {
 *     &#64;InjectMqttBroker
 *     String url;
 * }
 * </pre>
 */
public class EmbeddedMqttBrokerExtension
		implements BeforeAllCallback, AfterAllCallback, TestInstancePostProcessor, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(EmbeddedMqttBrokerExtension.class);

	private static final String KEY = "server";

	@Override
	public void beforeAll(ExtensionContext context) {
		if (context.getStore(NAMESPACE).get(KEY) == null) {
			Class<?> testClass = context.getRequiredTestClass();
			EmbeddedMqttBroker settings = AnnotatedElementUtils.findMergedAnnotation(testClass,
					EmbeddedMqttBroker.class);
			context.getStore(NAMESPACE).put(KEY, EmbeddedMqttBrokerServer.start(settings));
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		EmbeddedMqttBrokerServer server = context.getStore(NAMESPACE).remove(KEY, EmbeddedMqttBrokerServer.class);
		if (server != null) {
			server.close();
		}
	}

	@Override
	public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws Exception {
		for (Class<?> type = testInstance.getClass(); type != Object.class; type = type.getSuperclass()) {
			for (Field field : type.getDeclaredFields()) {
				if (field.isAnnotationPresent(InjectMqttBroker.class) && !Modifier.isStatic(field.getModifiers())) {
					field.setAccessible(true);
					field.set(testInstance, valueFor(field.getType(), server(context), field.toString()));
				}
			}
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Class<?> type = parameterContext.getParameter().getType();
		return type == EmbeddedMqttBrokerServer.class || parameterContext.isAnnotated(InjectMqttBroker.class);
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return valueFor(parameterContext.getParameter().getType(), server(extensionContext),
				parameterContext.getParameter().toString());
	}

	private static EmbeddedMqttBrokerServer server(ExtensionContext context) {
		EmbeddedMqttBrokerServer server = context.getStore(NAMESPACE).get(KEY, EmbeddedMqttBrokerServer.class);
		if (server == null) {
			throw new ParameterResolutionException("No embedded MQTT broker is running for " + context.getUniqueId());
		}
		return server;
	}

	private static Object valueFor(Class<?> type, EmbeddedMqttBrokerServer server, String target) {
		if (type == EmbeddedMqttBrokerServer.class) {
			return server;
		}
		if (type == MqttBroker.class) {
			return server.getBroker();
		}
		if (type == String.class) {
			return server.getUrl();
		}
		if (type == int.class || type == Integer.class) {
			return server.getPort();
		}
		throw new ParameterResolutionException("@InjectMqttBroker cannot fill " + target
				+ "; use EmbeddedMqttBrokerServer, MqttBroker, String (the URL) or int (the port)");
	}

}
