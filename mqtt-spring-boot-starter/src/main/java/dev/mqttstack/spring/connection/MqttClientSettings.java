/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.connection;

import java.time.Duration;

import javax.net.SocketFactory;

/**
 * How to connect: everything the client library needs, without exposing its types.
 */
public class MqttClientSettings {

	private String url = "tcp://localhost:1883";

	private String clientId;

	private int protocolVersion = 5;

	private String username;

	private String password;

	private boolean cleanStart = true;

	private Duration sessionExpiry;

	private Duration keepAlive = Duration.ofSeconds(60);

	private Duration connectionTimeout = Duration.ofSeconds(10);

	private boolean automaticReconnect = true;

	private Duration maxReconnectDelay = Duration.ofSeconds(30);

	private SocketFactory socketFactory;

	private String willTopic;

	private byte[] willPayload;

	private int willQos;

	private boolean willRetained;

	private int maxInflight = 100;

	private Duration quiescentTimeout = Duration.ofSeconds(1);

	private boolean failFast;

	private int receiveMaximum;

	public String getUrl() {
		return this.url;
	}

	public void setUrl(String url) {
		this.url = url;
	}

	public String getClientId() {
		return this.clientId;
	}

	public void setClientId(String clientId) {
		this.clientId = clientId;
	}

	public int getProtocolVersion() {
		return this.protocolVersion;
	}

	public void setProtocolVersion(int protocolVersion) {
		this.protocolVersion = protocolVersion;
	}

	public String getUsername() {
		return this.username;
	}

	public void setUsername(String username) {
		this.username = username;
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public boolean isCleanStart() {
		return this.cleanStart;
	}

	public void setCleanStart(boolean cleanStart) {
		this.cleanStart = cleanStart;
	}

	public Duration getSessionExpiry() {
		return this.sessionExpiry;
	}

	public void setSessionExpiry(Duration sessionExpiry) {
		this.sessionExpiry = sessionExpiry;
	}

	public Duration getKeepAlive() {
		return this.keepAlive;
	}

	public void setKeepAlive(Duration keepAlive) {
		this.keepAlive = keepAlive;
	}

	public Duration getConnectionTimeout() {
		return this.connectionTimeout;
	}

	public void setConnectionTimeout(Duration connectionTimeout) {
		this.connectionTimeout = connectionTimeout;
	}

	public boolean isAutomaticReconnect() {
		return this.automaticReconnect;
	}

	public void setAutomaticReconnect(boolean automaticReconnect) {
		this.automaticReconnect = automaticReconnect;
	}

	public Duration getMaxReconnectDelay() {
		return this.maxReconnectDelay;
	}

	public void setMaxReconnectDelay(Duration maxReconnectDelay) {
		this.maxReconnectDelay = maxReconnectDelay;
	}

	public SocketFactory getSocketFactory() {
		return this.socketFactory;
	}

	public void setSocketFactory(SocketFactory socketFactory) {
		this.socketFactory = socketFactory;
	}

	public String getWillTopic() {
		return this.willTopic;
	}

	public void setWillTopic(String willTopic) {
		this.willTopic = willTopic;
	}

	public byte[] getWillPayload() {
		return this.willPayload;
	}

	public void setWillPayload(byte[] willPayload) {
		this.willPayload = willPayload;
	}

	public int getWillQos() {
		return this.willQos;
	}

	public void setWillQos(int willQos) {
		this.willQos = willQos;
	}

	public boolean isWillRetained() {
		return this.willRetained;
	}

	public void setWillRetained(boolean willRetained) {
		this.willRetained = willRetained;
	}

	/**
	 * Return how long a stopping client lets in-flight work finish, and then waits for
	 * its DISCONNECT to complete.
	 * @return the timeout
	 */
	public Duration getQuiescentTimeout() {
		return this.quiescentTimeout;
	}

	public void setQuiescentTimeout(Duration quiescentTimeout) {
		this.quiescentTimeout = quiescentTimeout;
	}

	public int getMaxInflight() {
		return this.maxInflight;
	}

	public void setMaxInflight(int maxInflight) {
		this.maxInflight = maxInflight;
	}

	/**
	 * Return whether starting fails when the broker cannot be reached; by default the
	 * client logs a warning and keeps trying.
	 * @return whether to fail fast
	 */
	public boolean isFailFast() {
		return this.failFast;
	}

	public void setFailFast(boolean failFast) {
		this.failFast = failFast;
	}

	/**
	 * Return the MQTT 5 Receive Maximum announced to the broker: how many QoS 1/2
	 * messages it may send before this client acknowledges them; 0 leaves the protocol's
	 * default (65,535).
	 * @return the receive maximum
	 */
	public int getReceiveMaximum() {
		return this.receiveMaximum;
	}

	public void setReceiveMaximum(int receiveMaximum) {
		this.receiveMaximum = receiveMaximum;
	}

}
