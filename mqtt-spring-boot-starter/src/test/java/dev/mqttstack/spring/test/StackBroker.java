/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.test;

import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.testsupport.BrokerExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension running this project's broker (broker-module, MQTT 3.1.1 and 5) on a
 * free loopback port for the tests of one class; register it as a static
 * {@code @RegisterExtension} field. The broker-module test-jar's {@link BrokerExtension}
 * runs it; this adds the getters {@link MosquittoBroker} has, so that a test can take
 * either broker.
 */
public final class StackBroker implements BeforeAllCallback, AfterAllCallback {

	private final BrokerExtension broker = BrokerExtension.create();

	@Override
	public void beforeAll(ExtensionContext context) {
		this.broker.beforeAll(context);
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		this.broker.afterAll(context);
	}

	public String getUrl() {
		return this.broker.url();
	}

	public MqttBroker getBroker() {
		return this.broker.broker();
	}

	public int getPort() {
		return this.broker.port();
	}

}
