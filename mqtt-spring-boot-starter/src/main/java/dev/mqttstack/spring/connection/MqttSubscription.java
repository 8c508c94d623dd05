/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.connection;

import org.springframework.context.Lifecycle;

/**
 * A subscription on the shared connection: started it subscribes (and re-subscribes after
 * each reconnect), stopped it unsubscribes, closed it is released.
 * <p>
 * {@link #stop()} returns once the broker has confirmed the UNSUBSCRIBE, with a clean or
 * a persistent session alike: a message published after that never reaches this
 * subscription, not even after it starts again. Messages the broker had sent before and
 * that arrive only after the confirmation are acknowledged and dropped. Stopped while
 * disconnected, a persistent session keeps the subscription on the broker, and what
 * arrives for it is acknowledged and dropped too.
 */
public interface MqttSubscription extends Lifecycle, AutoCloseable {

	/**
	 * Stop delivering without unsubscribing, as an application shutting down does: a
	 * persistent session keeps the subscription on the broker, which queues what is
	 * published until the client is back; what still arrives on this connection stays
	 * unacknowledged, so the broker delivers it again.
	 */
	void detach();

	@Override
	void close();

}
