/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.connection;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.paho.mqttv5.client.IMqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;

/**
 * What the broker's CONNACK said about its limits, read from Paho's MQTT 5 client, which
 * keeps it in a private connection state: read reflectively, and {@code null} whenever
 * that fails, so that a Paho change only loses the warning it feeds.
 */
final class BrokerLimits {

	private static final Log logger = LogFactory.getLog(BrokerLimits.class);

	private BrokerLimits() {
	}

	static Integer receiveMaximum(IMqttAsyncClient client) {
		if (!(client instanceof MqttAsyncClient)) {
			return null;
		}
		try {
			Field field = MqttAsyncClient.class.getDeclaredField("mqttConnection");
			field.setAccessible(true);
			Object state = field.get(client);
			Method getter = state.getClass().getMethod("getReceiveMaximum");
			Object value = getter.invoke(state);
			return (value instanceof Integer receiveMaximum) ? receiveMaximum : null;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.debug("Cannot read the broker's Receive Maximum from the MQTT client: " + ex);
			return null;
		}
	}

}
