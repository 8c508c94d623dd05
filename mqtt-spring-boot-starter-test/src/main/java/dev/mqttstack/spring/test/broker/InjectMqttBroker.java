/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.test.broker;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field or parameter that {@link EmbeddedMqttBrokerExtension} fills with the
 * running broker, by type: {@link EmbeddedMqttBrokerServer},
 * {@link dev.mqttstack.broker.MqttBroker}, {@code String} (the URL) or {@code int} (the
 * port). Parameters of type {@link EmbeddedMqttBrokerServer} need no annotation.
 */
@Target({ ElementType.FIELD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface InjectMqttBroker {

}
