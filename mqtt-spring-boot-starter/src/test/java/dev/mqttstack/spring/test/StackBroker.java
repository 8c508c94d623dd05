/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.test;

import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.testsupport.TestBrokers;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension running this project's broker (broker-module, MQTT 3.1.1 and 5) on a
 * free loopback port for the tests of one class; register it as a static
 * {@code @RegisterExtension} field.
 */
public final class StackBroker implements BeforeAllCallback, AfterAllCallback {

	private MqttBroker broker;

	@Override
	public void beforeAll(ExtensionContext context) {
		this.broker = TestBrokers.started();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.broker != null) {
			this.broker.stop();
		}
	}

	public String getUrl() {
		return TestBrokers.tcpUrl(this.broker);
	}

	public MqttBroker getBroker() {
		return this.broker;
	}

	public int getPort() {
		return this.broker.port();
	}

}
