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
 * Starts an embedded broker-module broker for a test class: for a Spring test context
 * (and points {@code mqtt.url} at it), or, with {@link EmbeddedMqttBrokerExtension}, for
 * a plain JUnit 5 test.
 * <p>
 * In a Spring test the broker is a bean named
 * {@value EmbeddedMqttBrokerContextCustomizer#BEAN_NAME} of type
 * {@link dev.mqttstack.broker.MqttBroker}, beside a {@link EmbeddedMqttBrokerServer} bean
 * (URL, port, trust); it stops when the context closes.
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
	 * Property that receives the broker URL, e.g. {@code mqtt://127.0.0.1:<port>}.
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

	/**
	 * How clients reach the broker. {@link Transport#TLS} and
	 * {@link Transport#WEBSOCKET_TLS} use a certificate made for the test run (for
	 * {@code localhost} and {@code 127.0.0.1}); a Spring test then gets an SSL bundle
	 * named {@value EmbeddedMqttBrokerServer#SSL_BUNDLE} that trusts it, set as
	 * {@code mqtt.ssl.bundle}.
	 * @return the transport
	 */
	Transport transport() default Transport.TCP;

	/**
	 * Users that may connect. None, the default, lets every client connect; with users,
	 * only they may, and a Spring test's {@code mqtt.username} / {@code mqtt.password}
	 * are set to the first one.
	 * @return the users
	 */
	User[] users() default {};

	/** The transport of the broker's one listener. */
	enum Transport {

		/** MQTT over TCP: {@code mqtt://127.0.0.1:<port>}. */
		TCP,

		/** MQTT over TLS: {@code mqtts://127.0.0.1:<port>}. */
		TLS,

		/** MQTT over WebSocket: {@code ws://127.0.0.1:<port>/mqtt}. */
		WEBSOCKET,

		/** MQTT over WebSocket over TLS: {@code wss://127.0.0.1:<port>/mqtt}. */
		WEBSOCKET_TLS

	}

	/**
	 * A user of the embedded broker and the topics it may use.
	 */
	@Target({})
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@interface User {

		/**
		 * The user name.
		 * @return the user name
		 */
		String name();

		/**
		 * The password.
		 * @return the password
		 */
		String password();

		/**
		 * Topic filters the user may publish to, subscribe to and receive from; a
		 * subscription must lie within one of them ({@code sensors/+} within
		 * {@code sensors/#}). Empty, the default, allows every topic.
		 * @return the allowed topic filters
		 */
		String[] allow() default {};

	}

}
