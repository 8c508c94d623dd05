package dev.mqttstack.admin.persistence;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the PostgreSQL session and retained stores under
 * {@code mqtt.broker.persistence}.
 */
@ConfigurationProperties("mqtt.broker.persistence")
public class PersistenceProperties {

	/**
	 * Whether persistent sessions and retained messages are kept in PostgreSQL; when
	 * false they are kept in memory and lost with the process.
	 */
	private boolean enabled = true;

	/**
	 * Most journal operations written in one transaction (a message queued for ten
	 * sessions is eleven operations with its acknowledgement).
	 */
	private int batchSize = 10_000;

	/**
	 * Journal operations waiting to be written past which publishers that wait for them
	 * stop being read (backpressure).
	 */
	private int capacity = 50_000;

	/**
	 * How often the idle writer looks for messages left without a delivery and deletes
	 * them (acknowledged messages and those of removed sessions are deleted with their
	 * last delivery; this catches the rest).
	 */
	private Duration gcInterval = Duration.ofMinutes(1);

	/**
	 * How long the store may fail to reach PostgreSQL before its health, and with it the
	 * readiness group, turns DOWN.
	 */
	private Duration unavailableTimeout = Duration.ofSeconds(10);

	public Duration getUnavailableTimeout() {
		return this.unavailableTimeout;
	}

	public void setUnavailableTimeout(Duration unavailableTimeout) {
		this.unavailableTimeout = unavailableTimeout;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getBatchSize() {
		return this.batchSize;
	}

	public void setBatchSize(int batchSize) {
		this.batchSize = batchSize;
	}

	public int getCapacity() {
		return this.capacity;
	}

	public void setCapacity(int capacity) {
		this.capacity = capacity;
	}

	public Duration getGcInterval() {
		return this.gcInterval;
	}

	public void setGcInterval(Duration gcInterval) {
		this.gcInterval = gcInterval;
	}

}
