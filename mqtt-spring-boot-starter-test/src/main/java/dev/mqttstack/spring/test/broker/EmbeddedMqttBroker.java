/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.test.broker;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts an embedded broker-module broker for a Spring test context and points
 * {@code mqtt.url} at it.
 * <p>
 * The broker is a bean named {@value EmbeddedMqttBrokerContextCustomizer#BEAN_NAME} of
 * type {@link dev.mqttstack.broker.MqttBroker}; it stops when the context closes.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface EmbeddedMqttBroker {

	/**
	 * Port to listen on; 0 picks a free one.
	 * @return the port
	 */
	int port() default 0;

	/**
	 * Property that receives the broker URL, {@code tcp://127.0.0.1:<port>}.
	 * @return the property name
	 */
	String urlProperty() default "mqtt.url";

	/**
	 * MQTT version clients should use, written to {@code mqtt.protocol-version}: 5 or 3
	 * (MQTT 3.1.1); the embedded broker speaks both. 0, the default, leaves the property
	 * alone, so the starter's default (MQTT 5) applies.
	 * @return the protocol version
	 */
	int protocolVersion() default 0;

}
