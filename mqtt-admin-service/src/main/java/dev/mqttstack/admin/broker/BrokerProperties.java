package dev.mqttstack.admin.broker;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Settings of the hosted MQTT broker under {@code mqtt.broker}. */
@ConfigurationProperties("mqtt.broker")
public class BrokerProperties {

	/** Whether the service hosts the broker at all. */
	private boolean enabled = true;

	/** Address the MQTT listener binds to; 0.0.0.0 for every interface. */
	private String host = "0.0.0.0";

	/** TCP port of the MQTT listener; 0 picks a free one. */
	private int port = 1883;

	/** Outbound QoS 1/2 messages sent to one client and not yet acknowledged. */
	private int maxInflight = 20;

	/**
	 * QoS 1/2 messages queued for one session beyond the in-flight window or while its
	 * client is offline; what overflows is dropped and counted.
	 */
	private int maxQueuedMessages = 1000;

	/** Largest packet accepted; a larger one closes the connection. */
	private DataSize maxPacketSize = DataSize.ofMegabytes(2);

	/** How often $SYS/broker topics are published; zero turns them off. */
	private Duration sysInterval = Duration.ofSeconds(10);

	/** How long a new connection may take to send CONNECT. */
	private Duration connectTimeout = Duration.ofSeconds(20);

	/** Whether clients that send no user name may connect. */
	private boolean allowAnonymous;

	/** Whether to use native epoll when the platform has it. */
	private boolean nativeTransport = true;

	/** Event loop threads; 0 means twice the number of cores. */
	private int ioThreads;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getHost() {
		return this.host;
	}

	public void setHost(String host) {
		this.host = host;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

	public int getMaxInflight() {
		return this.maxInflight;
	}

	public void setMaxInflight(int maxInflight) {
		this.maxInflight = maxInflight;
	}

	public int getMaxQueuedMessages() {
		return this.maxQueuedMessages;
	}

	public void setMaxQueuedMessages(int maxQueuedMessages) {
		this.maxQueuedMessages = maxQueuedMessages;
	}

	public DataSize getMaxPacketSize() {
		return this.maxPacketSize;
	}

	public void setMaxPacketSize(DataSize maxPacketSize) {
		this.maxPacketSize = maxPacketSize;
	}

	public Duration getSysInterval() {
		return this.sysInterval;
	}

	public void setSysInterval(Duration sysInterval) {
		this.sysInterval = sysInterval;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public boolean isAllowAnonymous() {
		return this.allowAnonymous;
	}

	public void setAllowAnonymous(boolean allowAnonymous) {
		this.allowAnonymous = allowAnonymous;
	}

	public boolean isNativeTransport() {
		return this.nativeTransport;
	}

	public void setNativeTransport(boolean nativeTransport) {
		this.nativeTransport = nativeTransport;
	}

	public int getIoThreads() {
		return this.ioThreads;
	}

	public void setIoThreads(int ioThreads) {
		this.ioThreads = ioThreads;
	}

}
