/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.autoconfigure;

import dev.mqttstack.spring.connection.MqttBrokerUrl;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.StringUtils;

/**
 * {@link MqttConnectionDetails} read from {@link MqttProperties}: {@code mqtt.url}, or
 * else {@code mqtt.host}, {@code mqtt.port} and {@code mqtt.transport}; TLS through
 * {@code mqtt.ssl.bundle}.
 */
class PropertiesMqttConnectionDetails implements MqttConnectionDetails {

	private final MqttProperties properties;

	private final SslBundles sslBundles;

	PropertiesMqttConnectionDetails(MqttProperties properties, SslBundles sslBundles) {
		this.properties = properties;
		this.sslBundles = sslBundles;
	}

	@Override
	public String getUrl() {
		if (StringUtils.hasText(this.properties.getUrl())) {
			return this.properties.getUrl();
		}
		MqttProperties.Ssl ssl = this.properties.getSsl();
		boolean tls = ssl.isEnabled() || StringUtils.hasText(ssl.getBundle());
		return MqttBrokerUrl
			.of(this.properties.getHost(), this.properties.getPort(),
					this.properties.getTransport() == MqttProperties.Transport.WEBSOCKET, tls)
			.toString();
	}

	@Override
	public String getUsername() {
		return this.properties.getUsername();
	}

	@Override
	public String getPassword() {
		return this.properties.getPassword();
	}

	@Override
	public SslBundle getSslBundle() {
		String bundle = this.properties.getSsl().getBundle();
		if (!StringUtils.hasText(bundle)) {
			return null;
		}
		if (this.sslBundles == null) {
			throw new IllegalStateException("mqtt.ssl.bundle=" + bundle + " is set but no SslBundles bean exists");
		}
		return this.sslBundles.getBundle(bundle);
	}

}
