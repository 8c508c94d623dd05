/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Marks a method as the listener of MQTT topics.
 * <p>
 * Parameters: {@code @Payload} (converted from the bytes: {@code byte[]}, {@code String}
 * as UTF-8, anything else as JSON; {@code @Valid} honoured), {@code @DestinationVariable}
 * for {@code {name}} topic segments, {@code @Header} with
 * {@link dev.mqttstack.spring.support.MqttHeaders} names, {@code Message<T>}. A non-null
 * return value is published to the request's MQTT 5 response topic, or else to the
 * {@code @SendTo} topic.
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface MqttListener {

	/**
	 * Alias for {@link #topics()}.
	 * @return the topics
	 */
	@AliasFor("topics")
	String[] value() default {};

	/**
	 * Topic filters; {@code +} and {@code #} wildcards, {@code ${...}} placeholders and
	 * {@code {name}} segments (subscribed as {@code +}, bound to
	 * {@code @DestinationVariable("name")}).
	 * @return the topics
	 */
	@AliasFor("value")
	String[] topics() default {};

	/**
	 * Maximum QoS to subscribe with; {@code -1} uses {@code mqtt.listener.qos}.
	 * @return the QoS
	 */
	int qos() default -1;

	/**
	 * Shared subscription group: subscribes {@code $share/<group>/<filter>} so each
	 * message goes to one member.
	 * @return the group
	 */
	String shareGroup() default "";

	/**
	 * Listener id for {@link dev.mqttstack.spring.config.MqttListenerEndpointRegistry};
	 * generated when empty.
	 * @return the id
	 */
	String id() default "";

	/**
	 * How many messages this listener handles at once; overrides
	 * {@code mqtt.listener.concurrency}.
	 * @return the concurrency
	 */
	String concurrency() default "";

	/**
	 * Whether the listener starts with the application ({@code "true"} /
	 * {@code "false"}).
	 * @return the auto-startup flag
	 */
	String autoStartup() default "";

	/**
	 * Bean name of a {@link dev.mqttstack.spring.listener.MqttListenerErrorHandler}.
	 * @return the error handler bean name
	 */
	String errorHandler() default "";

	/**
	 * Bean name of the {@link dev.mqttstack.spring.config.MqttListenerContainerFactory};
	 * defaults to {@code mqttListenerContainerFactory}.
	 * @return the factory bean name
	 */
	String containerFactory() default "";

}
