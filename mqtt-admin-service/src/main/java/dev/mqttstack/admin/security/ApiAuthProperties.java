package dev.mqttstack.admin.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.mqttstack.admin.user.LoginLimits;

/**
 * Guessing limits of the admin API's HTTP Basic logins under {@code mqtt.admin.api-auth}:
 * a spent allowance answers 429 with {@code Retry-After} before the password is hashed.
 */
@ConfigurationProperties("mqtt.admin.api-auth")
public class ApiAuthProperties extends LoginLimits {

	/**
	 * Browsers and scripts send a few requests at once, each logging in again: four
	 * checks in progress per address rather than the two of MQTT.
	 */
	public ApiAuthProperties() {
		setMaxConcurrentChecksPerAddress(4);
	}

}
