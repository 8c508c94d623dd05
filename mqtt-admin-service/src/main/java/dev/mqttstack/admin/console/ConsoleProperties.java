package dev.mqttstack.admin.console;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the web console's live topic explorer under {@code mqtt.admin.console}: how
 * much of the message history it keeps, and how fast it sends it to browsers.
 */
@ConfigurationProperties("mqtt.admin.console")
public class ConsoleProperties {

	/**
	 * Messages kept per topic for the explorer's history, newest last. Messages are only
	 * collected while a console has the explorer open.
	 */
	private int historyPerTopic = 20;

	/**
	 * Topics kept in the explorer's history; messages on further topics still reach open
	 * explorers but are not kept.
	 */
	private int maxTopics = 2000;

	/** Payload bytes kept and sent per message; longer payloads are cut and marked so. */
	private DataSize maxPayload = DataSize.ofKilobytes(16);

	/**
	 * Messages waiting to be sent to open explorers; beyond it messages are counted as
	 * dropped (the explorer shows how many) instead of held.
	 */
	private int maxPending = 10_000;

	/** How often waiting messages are sent to open explorers, as one batch. */
	private Duration sendInterval = Duration.ofMillis(200);

	public int getHistoryPerTopic() {
		return this.historyPerTopic;
	}

	public void setHistoryPerTopic(int historyPerTopic) {
		this.historyPerTopic = historyPerTopic;
	}

	public int getMaxTopics() {
		return this.maxTopics;
	}

	public void setMaxTopics(int maxTopics) {
		this.maxTopics = maxTopics;
	}

	public DataSize getMaxPayload() {
		return this.maxPayload;
	}

	public void setMaxPayload(DataSize maxPayload) {
		this.maxPayload = maxPayload;
	}

	public int getMaxPending() {
		return this.maxPending;
	}

	public void setMaxPending(int maxPending) {
		this.maxPending = maxPending;
	}

	public Duration getSendInterval() {
		return this.sendInterval;
	}

	public void setSendInterval(Duration sendInterval) {
		this.sendInterval = sendInterval;
	}

}
