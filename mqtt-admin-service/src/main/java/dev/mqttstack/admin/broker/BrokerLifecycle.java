package dev.mqttstack.admin.broker;

import org.springframework.context.SmartLifecycle;

import dev.mqttstack.broker.MqttBroker;

/**
 * Lifecycle of the hosted broker: it starts once the context is refreshed (so the
 * database is migrated and the ACL rules are loaded) and stops gracefully before the
 * database goes away: stop accepting, disconnect clients, store sessions.
 */
public class BrokerLifecycle implements SmartLifecycle {

	private final MqttBroker broker;

	private final boolean enabled;

	public BrokerLifecycle(MqttBroker broker, boolean enabled) {
		this.broker = broker;
		this.enabled = enabled;
	}

	@Override
	public void start() {
		if (this.enabled) {
			this.broker.start();
		}
	}

	@Override
	public void stop() {
		this.broker.stop();
	}

	@Override
	public boolean isRunning() {
		return this.broker.isRunning();
	}

	@Override
	public boolean isAutoStartup() {
		return this.enabled;
	}

}
