/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.connection;

import org.springframework.context.Lifecycle;

/**
 * A subscription on the shared connection: started it subscribes (and re-subscribes after
 * each reconnect), stopped it unsubscribes, closed it is released.
 */
public interface MqttSubscription extends Lifecycle, AutoCloseable {

	@Override
	void close();

}
