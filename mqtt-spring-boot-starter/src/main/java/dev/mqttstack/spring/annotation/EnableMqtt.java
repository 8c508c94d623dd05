/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Enables {@link MqttListener} methods outside Spring Boot's auto-configuration, which
 * applies it by itself.
 * <p>
 * The application must define a
 * {@link dev.mqttstack.spring.config.MqttListenerContainerFactory} bean named
 * {@code mqttListenerContainerFactory}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(MqttBootstrapConfiguration.class)
public @interface EnableMqtt {

}
